using Pipeline.Calibration.Fitting;

namespace Pipeline.Calibration.Tests;

public sealed class LeastSquaresTests
{
    // A closed-form stand-in for the simulator: a step takes overhead + work / (peak x efficiency) + bytes / bandwidth,
    // measured at several batch sizes, so both parameters are identifiable.
    private static double StepSeconds(double efficiency, double overhead, int batch) =>
        overhead + batch * 2e-4 / efficiency + 5e-3;

    [Theory]
    [InlineData(0.62, 0.002)]
    [InlineData(0.35, 0.0005)]
    [InlineData(0.9, 0.01)]
    public void Recovers_known_parameters_from_synthetic_measurements_within_one_percent(double efficiency, double overhead)
    {
        var batches = new[] { 1, 8, 64, 256, 512 };
        var measured = batches.Select(b => StepSeconds(efficiency, overhead, b)).ToArray();
        FittedParameter[] parameters = [new("gemm_efficiency", 0.5, 0.2, 1), new("step_overhead", 0.003, 0, 0.05, "ms", 1e-3)];
        var (values, residuals) = LeastSquares.Fit(parameters,
            v => batches.Select((b, i) => Math.Log(StepSeconds(v[0], v[1], b) / measured[i])).ToArray(), iterations: 50);
        values[0].Should().BeApproximately(efficiency, efficiency * 0.01);
        values[1].Should().BeApproximately(overhead, overhead * 0.01);
        residuals.Should().OnlyContain(r => Math.Abs(r) < 1e-4);
    }

    [Fact]
    public void A_fit_never_leaves_the_physical_range_even_when_the_data_ask_for_it()
    {
        // Measurements that only an efficiency above 1 could explain: the fit stops at the bound.
        var measured = new[] { 1, 64 }.Select(b => StepSeconds(1.5, 0.001, b)).ToArray();
        FittedParameter[] parameters = [new("gemm_efficiency", 0.5, 0.2, 1)];
        var (values, _) = LeastSquares.Fit(parameters, v => new[] { 1, 64 }.Select((b, i) => Math.Log(StepSeconds(v[0], 0.001, b) / measured[i])).ToArray());
        values[0].Should().BeLessThanOrEqualTo(1).And.BeGreaterThan(0.95);
    }

    [Fact]
    public void Bounded_coordinates_round_trip()
    {
        var p = new FittedParameter("x", 0.3, 0.2, 1);
        p.FromFree(p.ToFree(0.3)).Should().BeApproximately(0.3, 1e-12);
        p.FromFree(-50).Should().BeGreaterThan(0.2);
        p.FromFree(50).Should().BeLessThanOrEqualTo(1);
    }
}
