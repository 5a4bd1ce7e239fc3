using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LossDsl.Generator.Binding;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>A formula to fuzz with, and how it was made (printed on failure so a case can be found again).</summary>
public sealed record FuzzCase(string Origin, string Formula)
{
    /// <summary>The formula as a C# literal, so control characters and lone surrogates are visible in a failure message.</summary>
    public override string ToString() => $"{Origin}: {FuzzCorpus.Quote(Formula)}";
}

/// <summary>A method shape used by the fuzz tests, both as a <see cref="LossSignature"/> and as C# source.</summary>
internal sealed record FuzzSignature(string Name, ReturnKind Return, string ReturnType, (string Name, ParameterForm Form, ScalarType Element, string Type)[] Parameters)
{
    public LossSignature ToSignature(string methodName) => new(methodName, Return, ReturnType,
        Parameters.Select(p => new ParameterDecl(p.Name, p.Form, p.Element, p.Type)).ToEquatableArray());

    public string ParameterList => string.Join(", ", Parameters.Select(p => $"{p.Type} {p.Name}"));
}

/// <summary>
/// Random, mutated and pathological formulas for the "never throws" properties. Everything is drawn from a
/// <see cref="Random"/> with a fixed seed, so a failing case is reproduced by running the test again.
/// </summary>
internal static class FuzzCorpus
{
    private static (string, ParameterForm, ScalarType, string) Ros(string name, ScalarType e, string t) => (name, ParameterForm.ReadOnlySpan, e, $"ReadOnlySpan<{t}>");

    private static (string, ParameterForm, ScalarType, string) Sp(string name, ScalarType e, string t) => (name, ParameterForm.Span, e, $"Span<{t}>");

    private static (string, ParameterForm, ScalarType, string) Opt(string name, ScalarType e, string t) => (name, ParameterForm.Scalar, e, t);

    /// <summary>Valid method shapes covering every parameter role: they differ in what a formula may name and must reduce to.</summary>
    public static IReadOnlyList<FuzzSignature> Signatures { get; } = new[]
    {
        new FuzzSignature("FloatReduced", ReturnKind.Float, "float", new[]
        {
            Ros("p", ScalarType.Float, "float"), Ros("t", ScalarType.Float, "float"), Sp("dp", ScalarType.Float, "float"),
        }),
        new FuzzSignature("DoubleElementwise", ReturnKind.Void, "void", new[]
        {
            Ros("p", ScalarType.Double, "double"), Ros("t", ScalarType.Double, "double"), Sp("loss", ScalarType.Double, "double"),
            Ros("dloss", ScalarType.Double, "double"), Sp("dp", ScalarType.Double, "double"),
        }),
        new FuzzSignature("DoubleOptions", ReturnKind.Double, "double", new[]
        {
            Ros("p", ScalarType.Double, "double"), Ros("t", ScalarType.Double, "double"), Sp("dp", ScalarType.Double, "double"),
            Sp("dt", ScalarType.Double, "double"), Opt("k", ScalarType.Int32, "int"), Opt("flag", ScalarType.Boolean, "bool"),
            Opt("delta", ScalarType.Double, "double"),
        }),
        new FuzzSignature("FloatClasses", ReturnKind.Float, "float", new[]
        {
            Ros("p", ScalarType.Float, "float"), Ros("y", ScalarType.Int32, "int"), Sp("dp", ScalarType.Float, "float"),
            Opt("delta", ScalarType.Float, "float"),
        }),
        new FuzzSignature("FloatElementwiseForward", ReturnKind.Void, "void", new[]
        {
            Ros("p", ScalarType.Float, "float"), Ros("t", ScalarType.Float, "float"), Sp("loss", ScalarType.Float, "float"),
            Opt("delta", ScalarType.Double, "double"),
        }),
    };

    /// <summary>A signature the signature binder rejects (void without a loss span): formula errors must still be safe.</summary>
    public static FuzzSignature BrokenSignature { get; } = new("VoidWithoutLoss", ReturnKind.Void, "void", new[]
    {
        Ros("p", ScalarType.Double, "double"), Ros("t", ScalarType.Double, "double"),
    });

    public static readonly string[] Functions =
    {
        "abs", "sqrt", "exp", "log", "log1p", "expm1", "sigmoid", "log_sigmoid", "softplus", "tanh", "cosh", "log_cosh",
        "relu", "sign", "min", "max", "pow", "clamp", "where", "mean", "sum",
    };

    private static readonly string[] Names =
    {
        "p", "t", "dp", "dt", "loss", "dloss", "y", "k", "flag", "delta", "pi", "e", "u", "v", "x", "a", "b", "_", "p1",
        "P", "Abs", "sigmiod", "mean_", "foo", "class", "int", "NaN", "Infinity", "π", "δ", "é", "ǅ",
    };

    private static readonly string[] Operators =
    {
        "+", "-", "*", "/", "^", "**", "(", ")", "(", ")", ",", ";", "=", "<", "<=", ">", ">=", "==", "!=", "&", "&&", "|", "||", "!",
    };

    private static readonly string[] Numbers =
    {
        "0", "1", "2", "0.5", ".5", "1e-3", "2.5E+2", "1e999", "1e-999", "1e", "1e+", ".5.", "1.2.3", "007", "4.9e-324",
        "1.7976931348623157e308", "0x1F", "1_000", "١٢٣", "１", "½", "3.", "1e5e5",
    };

    // Characters the lexer treats specially or not at all: whitespace of every kind, format characters, combining
    // marks, digits and letters outside ASCII, lone and paired surrogates, NUL and the non-characters.
    private static readonly string[] Exotic =
    {
        "é", "π", "δ", "√", "²", "½", "１", "٣", "\u00A0", "\u200B", "\u202E", "\u0301", "\uD800", "\uDC00", "\uD835\uDC65",
        "\u3000", "\t", "\n", "\r", "\0", "\uFFFF", "\uFEFF", "😀", "\u2028", "ß", "İ", "Ω", "\u0660", "\u00AD", "\"", "\\", "'", "`", "{", "}", "[", "]", "#", "$", "@", "~", "?", ":", ".",
    };

    /// <summary>Valid formulas (for at least one of <see cref="Signatures"/>), the seeds of the mutations.</summary>
    public static readonly string[] ValidFormulas =
    {
        "mean((p - t)^2)",
        "mean(abs(p - t))",
        "e = p - t; mean(where(abs(e) <= 1, 0.5 * e^2, abs(e) - 0.5))",
        "mean(log_cosh(p - t))",
        "mean(softplus(p) - p * t)",
        "mean(max(p, 0) - p * t + log1p(exp(-abs(p))))",
        "sum(-(t * log_sigmoid(p) + (1 - t) * log_sigmoid(-p)))",
        "(p - t)^2",
        "mean(sqrt((p - t)^2 + 1e-6))",
        "mean(clamp(p - t, -1, 1)^2)",
        "mean(relu(1 - p * t))",
        "mean(where(p > t, 2 * (p - t), t - p))",
        "mean(pow(abs(p - t), 1.5))",
        "mean(p ** 2 - 2 * p * t + t ** 2)",
        "sum(exp(p) - t * p) / sum(t + 1)",
        "1 - (2 * sum(p * t) + 1) / (sum(p) + sum(t) + 1)",
        "mean(tanh(p) * sigmoid(t))",
        "mean(-t * log(p + 1e-7) - (1 - t) * log(1 - p + 1e-7))",
        "mean((p > 0) != (t > 0))",
        "mean(min(p, t) / max(abs(p), 1))",
        "mean(cosh(p - t) - 1)",
        "mean(expm1(-abs(p - t)))",
        "mean(sign(p - t) * (p - t))",
        "mean(where(!(p < t) & (t >= 0) | p == t, p, -p))",
        "x = p * 2; z = x - t; mean(z^2 + pi)",
        "mean((p - t)^-2)",
        "mean(2^3^2 * p - -t^2)",
        "mean(.5e1 * p + 1E-3 * t);",
        "e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))",
        "mean(where(flag, p, t) * k + delta * t)",
        "mean((p - y)^2) * delta",
        "log(sigmoid(p)) + log(1 - sigmoid(t))",
        "mean(p - mean(p))^2 + sum(t) / mean(t^2)",
    };

    /// <summary>Deterministic edge cases: empty and blank formulas, extreme nesting and length, odd numbers, misused names.</summary>
    public static IEnumerable<FuzzCase> Pathological()
    {
        string[] simple =
        {
            "", " ", "\t\r\n ", "\0", ";", ";;", "=", "p =", "p = p;", "u = p; ", "u = p;;", "mean(", ")", "()", "mean()", "mean(p", "mean p",
            "(", "((", "))", ",", "p,", "mean(p,)", "mean(,p)", "mean(p)(t)", "(p)(t)", "3(p)", "p t", "p = t = 1; p", "u = 1; u = 2; mean(p * u)",
            "mean(p) = t", "p = t; mean(p)", "mean(where(p, t, p))", "mean(where(p > t, p > t, t))", "mean(!p)", "mean(p & t)", "mean(!!(p > t))",
            "mean(k)", "mean(flag)", "mean(where(flag, p, t))", "mean(y)", "where(flag, 1, 2)", "p < t < p", "mean(p < t < p)", "mean(dp)", "mean(loss)",
            "mean(dloss)", "mean(p - t) + dp", "mean(p * 1e999)", "mean(p * 1e-999)", "mean(p + 1e)", "mean(p * .5.)", "mean(1e308 * 10 * p)",
            "mean(p ^ 1e999)", "mean(p / 0)", "mean(0 / 0 * p)", "mean(p * 4.9e-324)", "mean(p * 1.7976931348623157e308)", "mean(p ^ -1e999)",
            "mean(p * 1" + new string('0', 400) + ")", "mean(p * 0." + new string('0', 400) + "1)", "mean(p * " + new string('9', 5000) + ")",
            "mean(p)^1e999", "mean(p) / mean(t)", "sum(sum(p))", "mean(mean(p) * p)", "sum(p) / sum(p - p)", "1", "mean(1)", "sum(2)", "-1",
            "pi", "pi(3)", "mean(pi * p)", "pi = 3; mean(p * pi)", "mean = 3; mean(p)", "abs = p; abs", "p = 1; 2", "mean(p)\n;\n", "  mean ( p )  ",
            "mean(p)\u0000", "\uFEFFmean(p)", "mean(p\u200B)", "mean(p) // comment", "mean(p) # comment", "mean(p);;", "mean(p); mean(t)",
            "mean(p --- t)", "mean(p +-+- t)", "mean(p ^^ t)", "mean(p ** ** t)", "mean(p ^ -t ^ -2)", "mean(-p ^ 2)", "mean((-p) ^ 0.5)",
            "mean(p == p)", "mean(p != p)", "mean(where(p == p, p, t))", "mean(clamp(p, 1, -1))", "mean(min(p, p) + max(t, t))",
            "mean(log(0 * p))", "mean(sqrt(-1 + 0 * p))", "mean(pow(p, t))", "mean(pow(0 * p, 0 * t))", "mean(p ^ t)", "mean(abs(p) ^ 0.5)",
            "mean(x)", "x", "x = ; mean(p)", "x = p mean(x)", "x = p; ", "x = p; y = x; x", "x = x; mean(x)", "mean(x); x = p",
        };
        foreach (string s in simple)
        {
            yield return new FuzzCase("edge", s);
        }

        yield return new FuzzCase("10000 nested parentheses", "mean(" + new string('(', 10000) + "p - t" + new string(')', 10000) + ")");
        yield return new FuzzCase("10000 open parentheses", new string('(', 10000));
        yield return new FuzzCase("10000 close parentheses", "mean(p" + new string(')', 10000));
        yield return new FuzzCase("10000 unary minus", "mean(" + new string('-', 10000) + "p)");
        yield return new FuzzCase("10000 negations", "mean(where(" + new string('!', 10000) + "(p > t), p, t))");
        yield return new FuzzCase("1000 nested calls", "mean(" + Repeat("abs(", 1000) + "p" + new string(')', 1000) + ")");
        yield return new FuzzCase("150 nested calls", "mean(" + Repeat("tanh(", 150) + "p - t" + new string(')', 150) + ")");
        yield return new FuzzCase("power tower", "mean(" + string.Join("^", Enumerable.Repeat("p", 1000)) + ")");
        yield return new FuzzCase("short power tower", "mean(" + string.Join("^", Enumerable.Repeat("(p^2 + 1)", 5)) + ")");
        yield return new FuzzCase("1000-term sum", "mean(" + string.Join(" + ", Enumerable.Range(0, 1000).Select(k => $"(p - {k} * t)^2")) + ")");
        yield return new FuzzCase("1000 identical terms", "mean(" + string.Join(" + ", Enumerable.Repeat("abs(p - t)", 1000)) + ")");
        yield return new FuzzCase("1000-factor product", "mean(" + string.Join(" * ", Enumerable.Range(0, 1000).Select(k => $"(1 + p / {k + 1})")) + ")");
        yield return new FuzzCase("1000-term difference", "mean(" + string.Join(" - ", Enumerable.Range(0, 1000).Select(k => $"sigmoid(p * {k})")) + ")");
        yield return new FuzzCase("1000 reductions", string.Join(" + ", Enumerable.Range(0, 1000).Select(k => $"sum(p * t ^ {k % 7})")));
        yield return new FuzzCase("1000 where", "mean(" + string.Join(" + ", Enumerable.Range(0, 1000).Select(k => $"where(p > {k}, p, t)")) + ")");
        yield return new FuzzCase("1000-binding chain", string.Concat(Enumerable.Range(0, 1000).Select(k => $"u{k} = {(k == 0 ? "p" : $"u{k - 1}")} * 0.5 + t; ")) + "mean(u999^2)");
        yield return new FuzzCase("1000 bindings, one error", string.Concat(Enumerable.Range(0, 1000).Select(k => $"u{k} = p * {k}; ")) + "mean(u999 + nope)");
        yield return new FuzzCase("1000 errors", "mean(" + string.Join(" + ", Enumerable.Range(0, 1000).Select(k => $"bad{k}(q{k})")) + ")");
        yield return new FuzzCase("long name", "mean(" + new string('p', 10000) + ")");
        yield return new FuzzCase("long number", "mean(p * 0." + new string('1', 10000) + ")");
        yield return new FuzzCase("long whitespace", new string(' ', 10000) + "mean(p)" + new string('\n', 10000));

        foreach (string f in Functions)
        {
            yield return new FuzzCase("function as value", $"mean({f})");
            yield return new FuzzCase("function as value", $"mean(p * {f})");
            yield return new FuzzCase("function as binding", $"{f} = p; mean({f})");
            yield return new FuzzCase("function as value", $"mean({f}(p) + {f})");
            yield return new FuzzCase("function as value", f);
            string[] args = { "p", "t", "p > t", "0.5", "delta" };
            for (int n = 0; n <= 5; n++)
            {
                string call = $"{f}({string.Join(", ", args.Take(n))})";
                yield return new FuzzCase($"{n} arguments", call);
                yield return new FuzzCase($"{n} arguments", $"mean({call})");
                yield return new FuzzCase($"{n} arguments", $"sum({call} * p)");
            }
        }
    }

    /// <summary>Random formulas of every kind; <paramref name="count"/> of them, reproducible from <paramref name="seed"/>.</summary>
    public static IEnumerable<FuzzCase> Random(int seed, int count)
    {
        var random = new Random(seed);
        for (int n = 0; n < count; n++)
        {
            int kind = random.Next(10);
            string origin = $"seed {seed} #{n}";
            yield return kind switch
            {
                0 or 1 => new FuzzCase(origin + " token soup", TokenSoup(random)),
                2 => new FuzzCase(origin + " character soup", CharacterSoup(random)),
                3 or 4 or 5 or 6 => new FuzzCase(origin + " mutation", Mutate(random, ValidFormulas[random.Next(ValidFormulas.Length)])),
                _ => new FuzzCase(origin + " random syntax", RandomSyntax(random)),
            };
        }
    }

    public static string TokenSoup(Random random)
    {
        int length = 1 + random.Next(30);
        var sb = new StringBuilder();
        bool wrap = random.Next(3) == 0;
        if (wrap)
        {
            sb.Append("mean(");
        }

        for (int k = 0; k < length; k++)
        {
            sb.Append(RandomToken(random));
            if (random.Next(3) != 0)
            {
                sb.Append(' ');
            }
        }

        if (wrap)
        {
            sb.Append(')');
        }

        return sb.ToString();
    }

    public static string CharacterSoup(Random random)
    {
        int length = random.Next(40);
        var sb = new StringBuilder();
        for (int k = 0; k < length; k++)
        {
            sb.Append(random.Next(4) == 0 ? Exotic[random.Next(Exotic.Length)] : ((char)random.Next(0x20, 0x7F)).ToString());
        }

        return sb.ToString();
    }

    private static string RandomToken(Random random) => random.Next(10) switch
    {
        0 or 1 or 2 => Operators[random.Next(Operators.Length)],
        3 or 4 => Names[random.Next(Names.Length)],
        5 or 6 => Functions[random.Next(Functions.Length)] + (random.Next(2) == 0 ? "(" : ""),
        7 or 8 => Numbers[random.Next(Numbers.Length)],
        _ => Exotic[random.Next(Exotic.Length)],
    };

    /// <summary>One to three character or token edits of <paramref name="formula"/>.</summary>
    public static string Mutate(Random random, string formula)
    {
        string s = formula;
        int edits = 1 + random.Next(3);
        for (int k = 0; k < edits; k++)
        {
            s = random.Next(2) == 0 ? MutateCharacters(random, s) : MutateTokens(random, s);
        }

        return s;
    }

    private static string MutateCharacters(Random random, string s)
    {
        int i = s.Length == 0 ? 0 : random.Next(s.Length);
        switch (random.Next(5))
        {
            case 0 when s.Length > 0:
                return s.Remove(i, 1);
            case 1:
                return s.Insert(i, random.Next(3) == 0 ? Exotic[random.Next(Exotic.Length)] : ((char)random.Next(0x20, 0x7F)).ToString());
            case 2 when s.Length > 0:
                int length = 1 + random.Next(Math.Min(8, s.Length - i));
                return s.Insert(i, s.Substring(i, length));
            case 3 when s.Length > 1 && i + 1 < s.Length:
                char[] chars = s.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                return new string(chars);
            default:
                return s.Length > 0 ? s.Remove(i, 1).Insert(i, ((char)random.Next(0x20, 0x7F)).ToString()) : "x";
        }
    }

    private static string MutateTokens(Random random, string s)
    {
        List<string> tokens = SplitTokens(s);
        if (tokens.Count == 0)
        {
            return RandomToken(random);
        }

        int i = random.Next(tokens.Count);
        switch (random.Next(5))
        {
            case 0:
                tokens.RemoveAt(i);
                break;
            case 1:
                tokens.Insert(i, RandomToken(random));
                break;
            case 2:
                tokens.Insert(i, tokens[i]);
                break;
            case 3:
                int j = random.Next(tokens.Count);
                (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                break;
            default:
                // Replacing a name by another name keeps the syntax and moves the error (if any) into the binder.
                int named = tokens.FindIndex(i, x => x.Length > 0 && (char.IsLetter(x[0]) || x[0] == '_'));
                if (named >= 0)
                {
                    tokens[named] = random.Next(2) == 0 ? Names[random.Next(Names.Length)] : Functions[random.Next(Functions.Length)];
                }
                else
                {
                    tokens[i] = RandomToken(random);
                }

                break;
        }

        return string.Join(random.Next(2) == 0 ? " " : "", tokens);
    }

    // A rough tokenizer, independent of the generator's lexer: names, numbers, two-character operators, single characters.
    private static List<string> SplitTokens(string s)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }

            int start = i;
            if (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '.')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '.'))
                {
                    i++;
                }
            }
            else if (i + 1 < s.Length && s.Substring(i, 2) is "<=" or ">=" or "==" or "!=" or "**")
            {
                i += 2;
            }
            else
            {
                i++;
            }

            tokens.Add(s.Substring(start, i - start));
        }

        return tokens;
    }

    /// <summary>A syntactically valid formula over every name and function, well typed or not.</summary>
    public static string RandomSyntax(Random random)
    {
        var sb = new StringBuilder();
        int bindings = random.Next(4) == 0 ? random.Next(1, 4) : 0;
        for (int k = 0; k < bindings; k++)
        {
            sb.Append(random.Next(5) == 0 ? Names[random.Next(Names.Length)] : "u" + k.ToString(CultureInfo.InvariantCulture)).Append(" = ")
              .Append(RandomExpression(random, 3)).Append("; ");
        }

        string result = RandomExpression(random, 1 + random.Next(5));
        sb.Append(random.Next(3) == 0 ? result : (random.Next(2) == 0 ? "mean(" : "sum(") + result + ")");
        return sb.ToString();
    }

    private static readonly string[] SyntaxLeaves = { "p", "t", "p", "t", "delta", "k", "flag", "y", "u0", "u1", "pi", "1", "0.5", "2", "0", "1e-3", "dp" };

    private static readonly string[] BinaryOperators = { "+", "-", "*", "/", "^", "**", "<", "<=", ">", ">=", "==", "!=", "&", "|" };

    private static string RandomExpression(Random random, int depth)
    {
        if (depth <= 0 || random.Next(4) == 0)
        {
            return SyntaxLeaves[random.Next(SyntaxLeaves.Length)];
        }

        switch (random.Next(4))
        {
            case 0:
                return "(" + RandomExpression(random, depth - 1) + " " + BinaryOperators[random.Next(BinaryOperators.Length)] + " " + RandomExpression(random, depth - 1) + ")";
            case 1:
                return (random.Next(2) == 0 ? "-" : "!") + RandomExpression(random, depth - 1);
            default:
                string f = Functions[random.Next(Functions.Length)];
                // Mostly the right arity, sometimes not.
                int arity = f switch { "min" or "max" or "pow" => 2, "clamp" or "where" => 3, _ => 1 };
                if (random.Next(8) == 0)
                {
                    arity = random.Next(4);
                }

                return f + "(" + string.Join(", ", Enumerable.Range(0, arity).Select(_ => RandomExpression(random, depth - 1))) + ")";
        }
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    /// <summary>A C# regular string literal for <paramref name="s"/>: everything outside printable ASCII is a \u escape.</summary>
    public static string Quote(string s, int max = 300)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s.Length > max ? s.Substring(0, max) : s)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c >= 0x20 && c < 0x7F)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        sb.Append('"');
        return s.Length > max ? $"{sb}... ({s.Length} characters)" : sb.ToString();
    }
}
