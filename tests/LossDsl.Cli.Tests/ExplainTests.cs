using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace LossDsl.Cli.Tests;

public class ExplainTests
{
    private static string Line(string output, string startsWith) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(startsWith, System.StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No line starting with '{startsWith}' in:\n{output}");

    [Fact]
    public void MseShowsTheGradientTwoTimesTheErrorOverNAndOnePass()
    {
        CliResult r = Cli.Run("explain", "mean((p - t)^2)");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Error);
        // The inferred parameters are said to be inferred, with the --params that reproduces them.
        Assert.Contains("inferred", r.Output);
        Assert.Contains("--params \"p:vector,t:vector,dp:grad,dt:grad\"", r.Output);
        Assert.Contains("public static partial float Loss(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);", r.Output);

        // dp = 2 (p - t) / N, written out with the shared subexpressions expanded.
        string expanded = r.Output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("dp = ∂loss/∂p", System.StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.Matches(new Regex(@"^= \(?2 / N\)? \* \(p - t\)$"), expanded);
        Assert.Matches(new Regex(@"^dt = ∂loss/∂t = .*$"), Line(r.Output, "dt = "));
        Assert.Contains("Schedule: 1 pass over memory", r.Output);
        Assert.Contains("pass 1 over the elements: accumulates one sum; writes dp, dt", r.Output);
        Assert.Contains("Parsed (every operation of an operand in parentheses)\n  mean((p - t) ^ 2)", r.Output);
        Assert.Contains("Generated C#", r.Output);
        Assert.Contains("public static partial float Loss(global::System.ReadOnlySpan<float> p", r.Output);
    }

    [Fact]
    public void HuberSaysWhichKernelRunsForANonNegativeDelta()
    {
        CliResult r = Cli.Run("explain", "e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))",
            "--params", "p:vector,t:vector,dp:grad,delta:scalar", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Error);
        Assert.Contains("Specialised kernels (chosen at run time by the options' values)", r.Output);
        Assert.Contains("when delta is finite and not negative (not -0), a second kernel runs", r.Output);

        // MSE has no option, so no second kernel and no such section.
        CliResult mse = Cli.Run("explain", "mean((p - t)^2)", "--no-code");
        Assert.DoesNotContain("Specialised kernels", mse.Output);
    }

    [Fact]
    public void CrossEntropyOverAMatrixIsOneRowPass()
    {
        CliResult r = Cli.Run("explain", "mean(logsumexp(x) - x[y])", "--params", "x:matrix,y:indices,dx:grad", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Schedule: 1 pass over memory", r.Output);
        Assert.Contains("pass 1 over the rows:", r.Output);
        Assert.DoesNotContain("pass 2", r.Output);
        Assert.Matches(new Regex(@"x\s+input\s+real \[i,j\]\s+ReadOnlyTensorSpan<float>"), r.Output);
        Assert.Matches(new Regex(@"y\s+input\s+integer \[i\]\s+ReadOnlySpan<int>"), r.Output);
        Assert.Matches(new Regex(@"dx\s+gradient\s+∂loss/∂x \[i,j\]\s+TensorSpan<float>"), r.Output);
        Assert.DoesNotContain("Generated C#", r.Output);
        // softmax(x) minus the one-hot of y, over N: exp(x - logsumexp(x)) / N and -1/N at column y.
        string expanded = r.Output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("dx = ", System.StringComparison.Ordinal)).Skip(1).First();
        Assert.Contains("exp(x - logsumexp(x))", expanded);
        Assert.Contains("j == y", expanded);
    }

    [Fact]
    public void InferenceMakesAnIndexClassIndicesAndTheIndexedNameAMatrix()
    {
        CliResult r = Cli.Run("explain", "mean(logsumexp(x) - x[y])", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--params \"x:matrix,y:indices,dx:grad\"", r.Output);
    }

    [Fact]
    public void InferenceGivesCtcAndPairwiseArgumentsTheirKindsAndTheTableSaysWhatReadsThem()
    {
        CliResult r = Cli.Run("explain", "mean(ctc(lp, targets, il, tl, blank, zero_infinity) / max(tl, 1))", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--params \"lp:matrix,targets:inttensor,il:indices,tl:indices,blank:int,zero_infinity:bool,dlp:grad\"", r.Output);
        Assert.Contains("ReadOnlyTensorSpan<int> targets", r.Output);
        Assert.Matches(new Regex(@"lp\s+input\s+read by ctc\(\.\.\.\)\s+ReadOnlyTensorSpan<float>"), r.Output);
        Assert.Matches(new Regex(@"tl\s+input\s+integer \[i\]"), r.Output);
        Assert.Matches(new Regex(@"dlp\s+gradient\s+∂loss/∂lp \(its shape; from the backward of ctc\(\.\.\.\)\)"), r.Output);

        CliResult pairs = Cli.Run("explain", "mean(row_min(cdist(a, b)))", "--no-code");
        Assert.Equal(0, pairs.ExitCode);
        Assert.Contains("--params \"a:matrix,b:matrix,da:grad,db:grad\"", pairs.Output);
        Assert.Matches(new Regex(@"a\s+input\s+read by cdist\(\.\.\.\)"), pairs.Output);
    }

    [Fact]
    public void OptionsWithDefaultsAndBindingsAreListedWithTheirTypesAndShapes()
    {
        CliResult r = Cli.Run("explain",
            "e = p - t; big = abs(e) > delta; s = mean(e); mean(where(big, delta * (abs(e) - 0.5 * delta), 0.5 * e^2)) + 0 * s",
            "--params", "p:vector,t:vector,dp:grad,delta:scalar=1.5", "--type", "double", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("public static partial double Loss(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta = 1.5);", r.Output);
        Assert.Matches(new Regex(@"delta\s+option\s+real scalar\s+double = 1\.5"), r.Output);
        Assert.Matches(new Regex(@"e\s+binding\s+real \[i\]\s+= p - t"), r.Output);
        Assert.Matches(new Regex(@"big\s+binding\s+mask \[i\]\s+= abs\(e\) > delta"), r.Output);
        Assert.Matches(new Regex(@"s\s+binding\s+real scalar\s+= mean\(e\)"), r.Output);
        Assert.Matches(new Regex(@"\(result\)\s+loss\s+real scalar\s+returned as double"), r.Output);
    }

    [Fact]
    public void IntegerAndPerClassParametersKeepTheirKinds()
    {
        CliResult r = Cli.Run("explain", "k = y; mean(w[k2] * (logsumexp(x) - x[k2])) + 0 * mean(k)",
            "--params", "x:matrix,y:indices,k2:indices64,w:perclass,dx:grad,dw:grad", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(new Regex(@"k\s+binding\s+integer \[i\]\s+= y"), r.Output);
        Assert.Matches(new Regex(@"k2\s+input\s+integer \[i\]\s+ReadOnlySpan<long>"), r.Output);
        Assert.Matches(new Regex(@"w\s+input\s+real \[j\]\s+ReadOnlySpan<float>"), r.Output);
        Assert.Contains("[PerClass] ReadOnlySpan<float> w", r.Output);
    }

    // The schedule: its heading, then a line per pass and one per filled output, up to the blank line after it.
    private static string[] Schedule(string output) =>
        output.Split('\n').SkipWhile(l => !l.StartsWith("Schedule: ", System.StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToArray();

    [Fact]
    public void OutputsTheSameAtEveryElementAreListedAsFilledInTheScheduleAndTheDocs()
    {
        // ∂/∂p_i of mean(p) is 1/N, known before any pass; ∂/∂q_i of mean(q)² is 2·mean(q)/N, known once the pass has
        // summed q; ∂/∂t_i of 0·mean(t) is the constant 0. No pass writes any of them.
        CliResult r = Cli.Run("explain", "mean(p) + mean(q)^2 + 0 * mean(t)", "--params", "p:vector,q:vector,t:vector,dp:grad,dq:grad,dt:grad");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[]
        {
            "Schedule: 1 pass over memory",
            "  pass 1 over the elements: accumulates 2 sums",
            "  dp: filled with one value, known before the first pass",
            "  dq: filled with one value, known after pass 1",
            "  dt: filled with 0 (constant)",
        }, Schedule(r.Output));
        // The generated XML docs carry the same schedule, a paragraph a line.
        Assert.Equal(Schedule(r.Output).Skip(1).Select(l => $"/// <para>Schedule: {l.Trim()}.</para>"),
            r.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("/// <para>Schedule: ", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void AGradientThroughAPairwiseNodeIsFilledWithZeroAndTheBackwardAddsToIt()
    {
        // a and b reach the loss only through cdist: their direct part is 0, and cdist's backward adds the rest into da
        // and db. Here the matrix is used row by row in one pass, so each row is made and differentiated in turn;
        // Chamfer's col_min needs a second pass, so its matrix is stored and differentiated after that pass.
        CliResult r = Cli.Run("explain", "mean(row_min(cdist(a, b)))", "--params", "a:matrix,b:matrix,da:grad,db:grad", "--no-code");

        Assert.Equal(0, r.ExitCode);
        string[] schedule = Schedule(r.Output);
        Assert.Equal(4, schedule.Length);
        Assert.EndsWith("writes the adjoint of cdist(a, b); makes each row of cdist(a, b) as it goes, never storing the whole matrix", schedule[1]);
        Assert.Equal(new[]
        {
            "  da: filled with 0 (constant); the backward of cdist(a, b) adds to it row by row in pass 1",
            "  db: filled with 0 (constant); the backward of cdist(a, b) adds to it row by row in pass 1",
        }, schedule[2..]);

        CliResult chamfer = Cli.Run("explain", "mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))", "--params", "a:matrix,b:matrix,da:grad,db:grad", "--no-code");
        Assert.Equal(0, chamfer.ExitCode);
        Assert.DoesNotContain("never storing", chamfer.Output);
        Assert.Contains("the backward of sqdist(a, b) adds to it after pass 3", chamfer.Output);
    }

    [Fact]
    public void APairwiseFormulaNamesItsColumnCountMAndAClassFormulaC()
    {
        // The columns of a pair matrix are the rows of the second set (M of them), not classes: Chamfer's column
        // minimum is averaged over M, in the loss, its gradients, and the generated XML docs.
        CliResult pairs = Cli.Run("explain", "mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))", "--params", "a:matrix,b:matrix,da:grad,db:grad");
        Assert.Equal(0, pairs.ExitCode);
        Assert.Contains("[i]: one value per sample, N of them; [k]: one per row of a pairwise function's second argument, M of them; [i,k]: a pair matrix (N, M))", pairs.Output);
        Assert.Matches(new Regex(@"Loss after stable rewrites\n  .*row_sum\(_\d+\) / M\n"), pairs.Output.Replace("\r\n", "\n"));
        Assert.Matches(new Regex(@"da = ∂loss/∂a = backward of sqdist\(a, b\) with adjoint .* 1 / M / col_sum"), pairs.Output);
        Assert.Matches(new Regex(@"/// <para>Gradient <c>db</c> = ∂loss/∂b per element: <c>.* 1 / M / col_sum"), pairs.Output);
        Assert.DoesNotMatch(new Regex(@"(?<![\w.])C(?![\w(])"), Between(pairs.Output, "Loss after stable rewrites", "Stable rewrites applied"));

        CliResult classes = Cli.Run("explain", "mean(logsumexp(x) - (1 - e) * x[y] - e * row_mean(x))", "--params", "x:matrix,y:indices,dx:grad,e:scalar", "--no-code");
        Assert.Equal(0, classes.ExitCode);
        Assert.Contains("[j]: one per class or feature, C of them; [i,j]: a matrix (N, C))", classes.Output);
        Assert.Contains("1 / C", Between(classes.Output, "Loss after stable rewrites", "Stable rewrites applied"));
        Assert.DoesNotMatch(new Regex(@"(?<![\w.])M(?![\w(])"), Between(classes.Output, "Loss after stable rewrites", "Stable rewrites applied"));
    }

    [Fact]
    public void AFormulaWithClassesAndPairsNamesBothAxes()
    {
        // Cross-entropy over (N, C) logits beside a nearest-neighbour term over an (N, M) pair matrix: C and M, j and k.
        CliResult both = Cli.Run("explain", "mean(logsumexp(x) - x[y]) + mean(row_mean(sqdist(a, b)))", "--params", "x:matrix,y:indices,a:matrix,b:matrix,dx:grad,da:grad", "--no-code");
        Assert.Equal(0, both.ExitCode);
        Assert.Contains("[j]: one per class or feature, C of them; [i,j]: a matrix (N, C); [k]: one per row of a pairwise function's second argument, M of them; [i,k]: a pair matrix (N, M))", both.Output);
        string derivation = Between(both.Output, "Loss after stable rewrites", "Stable rewrites applied");
        Assert.Contains("/ M", derivation);
        Assert.Contains("dx = ∂loss/∂x = where(j == y", both.Output);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, System.StringComparison.Ordinal);
        int to = text.IndexOf(end, from, System.StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"'{start}' … '{end}' not found in:\n{text}");
        return text[from..to];
    }

    [Fact]
    public void ReductionNoneMakesAVoidMethodWithLossAndDloss()
    {
        CliResult r = Cli.Run("explain", "(p - t)^2", "--reduction", "none", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("public static partial void Loss(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt, Span<float> loss, ReadOnlySpan<float> dloss);", r.Output);
        Assert.Matches(new Regex(@"\(result\)\s+loss\s+real \[i\]\s+written to loss"), r.Output);
        // The backward pass multiplies by the upstream gradient.
        Assert.Contains("dloss", Line(r.Output, "dp = "));
    }

    [Fact]
    public void AMatrixValuedPerElementLossGetsTensorSpanOutputs()
    {
        CliResult r = Cli.Run("explain", "(x - t)^2", "--params", "x:matrix,t:matrix,dx:grad,loss:loss,dloss:dloss", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("TensorSpan<float> loss, ReadOnlyTensorSpan<float> dloss", r.Output);
        Assert.Matches(new Regex(@"\(result\)\s+loss\s+real \[i,j\]"), r.Output);
    }

    [Fact]
    public void StableRewritesAreListed()
    {
        CliResult r = Cli.Run("explain", "mean(-log(sigmoid(x)))", "--no-code");

        Assert.Equal(0, r.ExitCode);
        string rewrites = r.Output.Split("Stable rewrites applied\n")[1].Split("\n\n")[0];
        Assert.Contains("log_sigmoid", rewrites);
        Assert.DoesNotContain("(none)", rewrites);
    }

    [Fact]
    public void ALongFormulaRunsOnAStackDeepEnoughForIt()
    {
        // p + p + … is as deep as it is long. On a thread with a small stack, the tool's own parse, bind and print
        // calls must still not overflow it: the command runs under the compiler's stack guard.
        string formula = "mean(" + string.Join(" + ", Enumerable.Repeat("p", 3000)) + ")";
        CliResult? r = null;
        var thread = new System.Threading.Thread(() => r = Cli.Run("explain", formula, "--no-code"), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal(0, r!.ExitCode);
        Assert.Contains("Schedule: 1 pass over memory", r.Output);
    }

    [Fact]
    public void HelpDescribesEveryKind()
    {
        CliResult r = Cli.Run("explain", "--help");

        Assert.Equal(0, r.ExitCode);
        foreach (string kind in new[] { "vector", "perclass", "matrix", "indices", "indices64", "scalar", "int, bool", "grad", "loss", "dloss" })
        {
            Assert.Contains(kind, r.Output);
        }
    }

    [Theory]
    [InlineData(new[] { "explain" }, "needs a formula")]
    [InlineData(new[] { "explain", "mean(p)", "--typo", "1" }, "has no option --typo")]
    [InlineData(new[] { "explain", "mean(p)", "--type", "half" }, "--type is 'half'")]
    [InlineData(new[] { "explain", "mean(p)", "--params", "p:vectr" }, "unknown kind 'vectr'")]
    [InlineData(new[] { "explain", "mean(p)", "--params", "p:vector=2" }, "only options (scalar, int, bool) take a default")]
    [InlineData(new[] { "explain", "mean(p)", "--params", "p:vector,,t" }, "empty item at column 10")]
    [InlineData(new[] { "explain", "mean(p)", "--reduction", "mean" }, "the only value is none")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public void UsageErrorsExitWithTwoAndSayWhatIsWrong(string[] args, string message)
    {
        CliResult r = Cli.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.Equal("", r.Output);
    }
}
