using Pipeline.Plans.Tests;
using Pipeline.Calibration.Fidelity;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class ExecuteFidelityTextTests
{
    [Fact]
    public void The_table_lists_each_metric_with_measured_simulated_and_the_difference()
    {
        // Hand-built: 2 ms against 2.2 ms is +10.0%; 0.5 ms against 0.45 ms is -10.0%; 100 against 100 is +0.0%.
        ExecuteComparison[] rows =
        [
            new("mean TTFT", 2e-3, 2.2e-3, false),
            new("p99 TTFT", 8e-3, 6e-3, false),
            new("mean TPOT", 0.5e-3, 0.45e-3, false),
            new("p99 TPOT", 1e-3, 1.0001e-3, false),
            new("output tok/s", 100, 100, true),
            new("nothing measured", 0, 1e-3, false),
        ];

        SnapshotGuard.Match(ExecuteFidelityText.Render("examples/x.pipe", rows), "table");
    }

    [Fact]
    public void Differences_are_simulated_over_measured_minus_one()
    {
        new ExecuteComparison("m", 4, 5, true).Difference.Should().BeApproximately(0.25, 1e-12);
        new ExecuteComparison("m", 0, 5, true).Difference.Should().BeNull();
    }
}
