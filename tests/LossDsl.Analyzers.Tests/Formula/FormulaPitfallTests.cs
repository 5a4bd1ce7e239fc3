using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests.Formula;

/// <summary>
/// LD1001–LD1006 on formulas: what fires, at exactly which characters of the formula, with which message arguments,
/// and the look-alikes that must not fire (the guarded forms, the stable forms, unknown kinds).
/// </summary>
public sealed class FormulaPitfallTests
{
    private const string Probabilities = "[Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t";

    // ---- LD1001: log of a value that can be 0 ----

    [Fact]
    public Task LD1001_hand_written_binary_cross_entropy_on_declared_probabilities() => Verify.Formula(
        Sources.Loss("mean(-t * {|#0:log(p)|} - (1 - t) * {|#1:log(1 - p)|})", Probabilities),
        Verify.Diagnostic("LD1001").WithLocation(0).WithArguments("log(p)", "'p' (declared [Probabilities])", "log(max(p, 1e-7))"),
        Verify.Diagnostic("LD1001").WithLocation(1).WithArguments("log(1 - p)", "'1 - p' (0 where 'p' is 1: declared [Probabilities])", "log(max(1 - p, 1e-7))"));

    [Fact]
    public Task LD1001_labels_one_hot_rows_bindings_products_and_saturating_activations() => Verify.Formula(Sources.Loss(
        "q = 1 - softmax(x); e = t * {|#0:log(t)|}; mean(row_sum(e - {|#1:log(q)|} - {|#2:log(2 * sigmoid(x))|} + {|#3:log(w[y])|}))",
        "ReadOnlyTensorSpan<float> x, [OneHot] ReadOnlyTensorSpan<float> t, ReadOnlySpan<int> y, [Probabilities] ReadOnlySpan<float> w"),
        Verify.Diagnostic("LD1001").WithLocation(0).WithArguments("log(t)", "'t' (declared [OneHot])", "log(max(t, 1e-7))"),
        Verify.Diagnostic("LD1001").WithLocation(1).WithArguments("log(q)", "'q', that is '1 - softmax(x)' (0 where 'softmax(x)' is 1: an entry rounds to 1 when it dominates its row)", "log(max(q, 1e-7))"),
        Verify.Diagnostic("LD1001").WithLocation(2).WithArguments("log(2 * sigmoid(x))", "'sigmoid(x)' (0 for inputs below about -100 in float)", "log(max(2 * sigmoid(x), 1e-7))"),
        Verify.Diagnostic("LD1001").WithLocation(3).WithArguments("log(w[y])", "'w' (declared [Probabilities])", "log(max(w[y], 1e-7))"));

    [Fact]
    public Task LD1001_a_where_on_another_name_does_not_guard_the_log() => Verify.Formula(Sources.Loss(
        "mean(-where(y == 1, {|LD1001:log(p)|}, {|LD1001:log(1 - p)|}))",
        "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<int> y"));

    [Fact]
    public Task LD1001_clamped_guarded_stable_and_unknown_values_are_not_reported() => Verify.Formula(Sources.Loss(
        "s = sigmoid(x); "
        + "mean(log(max(p, 1e-7)) + log(clamp(1 - p, 1e-7, 1)) + log(p + eps) + where(t > 0, t * log(t), 0) "
        + "+ log(s) + log(1 - s) + log(u) + log(x) + log(1 - u) + log(lp) + log(1 + p) + log1p(-p) + log(1 - 2 * p))",
        "[Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t, ReadOnlySpan<float> u, [Logits] ReadOnlySpan<float> x, "
        + "[LogProbabilities] ReadOnlySpan<float> lp, float eps = 1e-7f"));

    // ---- LD1002: the generator rewrites it anyway ----

    [Fact]
    public Task LD1002_log_of_sigmoid_and_softmax_in_every_spelling() => Verify.Formula(Sources.Loss(
        "mean({|#0:log(sigmoid(a))|} + {|#1:log(1 - sigmoid(a))|} + {|#2:log(1 - sigmoid(-a))|} + {|#3:log(1 - sigmoid(a - b))|} + log(1.0 - sigmoid(a)^2))",
        "ReadOnlySpan<float> a, ReadOnlySpan<float> b"),
        Verify.Diagnostic("LD1002").WithLocation(0).WithArguments("log(sigmoid(a))", "log_sigmoid(a)"),
        Verify.Diagnostic("LD1002").WithLocation(1).WithArguments("log(1 - sigmoid(a))", "log_sigmoid(-a)"),
        Verify.Diagnostic("LD1002").WithLocation(2).WithArguments("log(1 - sigmoid(-a))", "log_sigmoid(a)"),
        // 1 - sigmoid(a)^2 is not 1 - sigmoid(...): the compiler does not rewrite it, and the analyzer knows nothing of its range.
        Verify.Diagnostic("LD1002").WithLocation(3).WithArguments("log(1 - sigmoid(a - b))", "log_sigmoid(-(a - b))"));

    [Fact]
    public Task LD1002_log_softmax_whole_and_gathered() => Verify.Formula(Sources.Loss(
        "mean(-row_sum(t * {|#0:log(softmax(x))|}) - {|#1:log(softmax(x)[y])|} - {|#2:log( (softmax(x)) [ y ] )|})",
        "ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, ReadOnlySpan<int> y"),
        Verify.Diagnostic("LD1002").WithLocation(0).WithArguments("log(softmax(x))", "log_softmax(x)"),
        Verify.Diagnostic("LD1002").WithLocation(1).WithArguments("log(softmax(x)[y])", "log_softmax(x)[y]"),
        Verify.Diagnostic("LD1002").WithLocation(2).WithArguments("log( (softmax(x)) [ y ] )", "log_softmax(x)[y]"));

    [Fact]
    public Task LD1002_not_for_the_stable_forms_or_guarded_ones() => Verify.Formula(Sources.Loss(
        "mean(log_sigmoid(a) + log_sigmoid(-a) + log(sigmoid(a) + 1e-7) + log(sigmoid(a) * sigmoid(b) + 1e-7))",
        "ReadOnlySpan<float> a, ReadOnlySpan<float> b"));

    // ---- LD1003: softmax and logsumexp by hand, not rewritten ----

    [Fact]
    public Task LD1003_softmax_and_logsumexp_written_with_exp() => Verify.Formula(Sources.Loss(
        "mean({|#0:log(row_sum(exp(x)))|} - log({|#1:exp(x[y]) / row_sum(exp(x))|}) + row_sum({|#2:exp(x) / row_sum(exp( x ))|} * t) + {|#3:exp(x)[y] / row_sum(exp(x))|})",
        "ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, ReadOnlySpan<int> y"),
        Verify.Diagnostic("LD1003").WithLocation(0).WithArguments("log(row_sum(exp(x)))", "logsumexp(x)"),
        Verify.Diagnostic("LD1003").WithLocation(1).WithArguments("exp(x[y]) / row_sum(exp(x))", "softmax(x)[y]"),
        Verify.Diagnostic("LD1003").WithLocation(2).WithArguments("exp(x) / row_sum(exp( x ))", "softmax(x)"),
        Verify.Diagnostic("LD1003").WithLocation(3).WithArguments("exp(x)[y] / row_sum(exp(x))", "softmax(x)[y]"));

    [Fact]
    public Task LD1003_not_for_shifted_exponents_other_rows_or_the_stable_functions() => Verify.Formula(Sources.Loss(
        "m = row_max(x); mean(log(row_sum(exp(x - m))) + m - x[y] + row_sum(exp(x - m) / row_sum(exp(x - m))) + row_sum(exp(x) / row_sum(exp(t))) "
        + "+ logsumexp(x) + row_sum(softmax(x)) + exp(x[y]) / sum(exp(x[y])))",
        "ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, ReadOnlySpan<int> y"));

    // ---- LD1004: sqrt of a mean that can be 0 ----

    [Fact]
    public Task LD1004_root_mean_square_error_in_its_spellings() => Verify.Formula(Sources.Loss(
        "e = p - t; m = mean(e * e); {|#0:sqrt(mean((p - t)^2))|} + {|#1:sqrt(m)|} + {|#2:sqrt(sum(abs(e)))|} + {|#3:sqrt(mean(pow(e, 2) + (p - t)^2))|}",
        "ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Verify.Diagnostic("LD1004").WithLocation(0).WithArguments("sqrt(mean((p - t)^2))", "mean((p - t)^2)", "sqrt(mean((p - t)^2) + 1e-12)"),
        Verify.Diagnostic("LD1004").WithLocation(1).WithArguments("sqrt(m)", "mean(e * e)", "sqrt(m + 1e-12)"),
        Verify.Diagnostic("LD1004").WithLocation(2).WithArguments("sqrt(sum(abs(e)))", "sum(abs(e))", "sqrt(sum(abs(e)) + 1e-12)"),
        Verify.Diagnostic("LD1004").WithLocation(3).WithArguments("sqrt(mean(pow(e, 2) + (p - t)^2))", "mean(pow(e, 2) + (p - t)^2)", "sqrt(mean(pow(e, 2) + (p - t)^2) + 1e-12)"));

    [Fact]
    public Task LD1004_not_with_an_eps_or_for_values_that_are_not_squares() => Verify.Formula(Sources.Loss(
        "e = p - t; sqrt(mean(e^2) + 1e-12) + sqrt(mean(e^2 + eps)) + sqrt(mean(p)) + sqrt(mean(e * t)) + sqrt(mean(eps^2)) + mean(sqrt(e^2 + 1))",
        "ReadOnlySpan<float> p, ReadOnlySpan<float> t, float eps = 1e-8f"));

    // ---- LD1005: division by a target that can be 0 ----

    [Fact]
    public Task LD1005_mean_absolute_percentage_error_in_its_spellings() => Verify.Formula(Sources.Loss(
        "e = t - p; mean(abs((p - t) / {|#0:t|}) + abs(p - t) / {|#1:abs(t)|} + abs(e / {|#2:t|}))",
        "ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Verify.Diagnostic("LD1005").WithLocation(0).WithArguments("(p - t) / t", "t", "t - p"),
        Verify.Diagnostic("LD1005").WithLocation(1).WithArguments("abs(p - t) / abs(t)", "t", "t - p"),
        Verify.Diagnostic("LD1005").WithLocation(2).WithArguments("e / t", "t", "t - p"));

    [Fact]
    public Task LD1005_not_for_a_variance_a_guarded_or_clamped_denominator_sign_labels_or_smape() => Verify.Formula(Sources.Loss(
        "mean(0.5 * (log(var) + (x - mu)^2 / var) + abs(x - mu) / max(abs(mu), 1e-7) + where(mu != 0, abs(x - mu) / mu, 0) "
        + "+ abs(x - mu) / (abs(x) + abs(mu)) + (x - s) / s + (z - mean(z)) / z)",
        "ReadOnlySpan<float> x, ReadOnlySpan<float> mu, ReadOnlySpan<float> var, [SignLabels] ReadOnlySpan<float> s, ReadOnlySpan<float> z"));

    // ---- LD1006: a mean and a sum added in one formula ----

    [Fact]
    public Task LD1006_mean_plus_a_scaled_sum() => Verify.Formula(
        Sources.Loss("mean((p - t)^2) + {|#0:0.5 * sum(abs(p - t))|}", "ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Verify.Diagnostic("LD1006").WithLocation(0).WithArguments("0.5 * sum(abs(p - t))", "mean((p - t)^2)"));

    [Fact]
    public Task LD1006_through_bindings_and_signs() => Verify.Formula(
        Sources.Loss("recon = sum((x - t)^2); kl = mean(x); -kl + {|#0:recon|}", "ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t"),
        Verify.Diagnostic("LD1006").WithLocation(0).WithArguments("recon", "kl"));

    [Fact]
    public Task LD1006_not_for_normalised_sums_weights_per_class_sums_or_scalars() => Verify.Formula(Sources.Loss(
        "mean((p - t)^2) + sum(w * abs(p - t)) / sum(w) + lambda * sum(abs(p)) + 0.01 * sum(c^2) + sum(lambda) + sum(abs(p - t)) / n + mean(p) * sum(t)",
        "ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> w, [PerClass] ReadOnlySpan<float> c, float lambda = 0.1f, float n = 1"));

    // ---- Robustness ----

    [Fact]
    public Task A_formula_deeper_than_the_stack_allows_is_skipped_without_an_exception() => Verify.Formula(Sources.Loss(
        "mean(" + string.Join(" + ", System.Linq.Enumerable.Repeat("p * t", 20000)) + ")", "ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task A_formula_that_does_not_parse_is_left_to_the_generator() => Verify.Formula(Sources.Loss(
        "mean(log(p)", "[Probabilities] ReadOnlySpan<float> p"));
}
