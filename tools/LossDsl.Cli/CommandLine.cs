using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossDsl.Generator.Binding;

namespace LossDsl.Cli;

/// <summary>A mistake on the command line: printed with the command's usage, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public UsageException(string message) : base(message)
    {
    }
}

/// <summary>
/// The arguments of one command: one positional argument (the formula), <c>--name value</c> or <c>--name=value</c>
/// options, and flags. Every option is declared up front so a misspelt one is an error, not silently ignored.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLine(string? positional) => Positional = positional;

    /// <summary>The formula, or null when none was given.</summary>
    public string? Positional { get; }

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
    public bool Help => _flags.Contains("--help");

    /// <summary>Parses <paramref name="args"/> against the options and flags the command accepts.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, string command, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        string? positional = null;
        var values = new List<(string, string)>();
        var set = new HashSet<string>();
        for (int k = 0; k < args.Count; k++)
        {
            string arg = args[k];
            if (arg is "--help" or "-h" or "-?")
            {
                set.Add("--help");
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                int equals = arg.IndexOf('=');
                string name = equals > 0 ? arg.Substring(0, equals) : arg;
                if (flags.Contains(name))
                {
                    if (equals > 0)
                    {
                        throw new UsageException($"{name} takes no value");
                    }

                    set.Add(name);
                    continue;
                }

                if (!options.Contains(name))
                {
                    throw new UsageException($"'{command}' has no option {name}; see lossdsl {command} --help");
                }

                string value;
                if (equals > 0)
                {
                    value = arg.Substring(equals + 1);
                }
                else if (k + 1 < args.Count)
                {
                    value = args[++k];
                }
                else
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (values.Any(v => v.Item1 == name))
                {
                    throw new UsageException($"{name} is given twice");
                }

                values.Add((name, value));
                continue;
            }

            if (positional != null)
            {
                throw new UsageException($"'{command}' takes one formula, but '{positional}' and '{arg}' were both given; quote the formula");
            }

            positional = arg;
        }

        var line = new CommandLine(positional);
        foreach ((string name, string value) in values)
        {
            line._values[name] = value;
        }

        line._flags.UnionWith(set);
        return line;
    }

    /// <summary>The value of <paramref name="option"/>, or null.</summary>
    public string? Get(string option) => _values.TryGetValue(option, out string? v) ? v : null;

    /// <summary>Whether <paramref name="flag"/> was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of <paramref name="option"/> as a finite number, or <paramref name="fallback"/>.</summary>
    public double GetNumber(string option, double fallback)
    {
        string? text = Get(option);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"{option} is '{text}', which is not a finite number");
    }

    /// <summary>The value of <paramref name="option"/> as an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInteger(string option, int fallback, int min, int max)
    {
        string? text = Get(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v
            : throw new UsageException($"{option} is '{text}'; it must be an integer from {min} to {max}");
    }

    /// <summary>The options <c>explain</c> and <c>plot</c> share, turned into a compile request.</summary>
    public LossRequest Request(string command)
    {
        string formula = Positional ?? throw new UsageException($"'{command}' needs a formula: lossdsl {command} \"mean((p - t)^2)\"");
        ElementType element = Get("--type") switch
        {
            null or "float" => ElementType.Float,
            "double" => ElementType.Double,
            string other => throw new UsageException($"--type is '{other}'; it must be float or double"),
        };
        bool perElement = Get("--reduction") switch
        {
            null => false,
            "none" => true,
            string other => throw new UsageException($"--reduction is '{other}'; the only value is none (mean and sum are written in the formula)"),
        };
        string name = Get("--name") ?? "Loss";
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            throw new UsageException($"--name is '{name}', which is not a C# method name");
        }

        return new LossRequest(formula, Get("--params"), perElement, element, name);
    }

    /// <summary>The options every compiling command accepts.</summary>
    public static readonly string[] CompileOptions = { "--params", "--type", "--reduction", "--name" };
}
