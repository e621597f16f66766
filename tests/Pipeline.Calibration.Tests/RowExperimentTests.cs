using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Tests;

public sealed class RowExperimentTests
{
    private static readonly SimulatedSystem EightReplicas = new("h200", null, 1, 8, 896, 4096, "policy = chunked", "test");

    private static PublishedResult Server(double qps) =>
        new(3, "v4.1", "NVIDIA", "s", "h200", 8, "Server", 29228, 0.45, 0.146, qps, "fp8", 1, 896, "TensorRT");

    [Fact]
    public void A_server_row_simulates_loadgens_600_seconds_of_arrivals_per_replica()
    {
        // By hand: 101 queries/s over 8 replicas is 12.625 per replica; 600 s of them is 7,575 queries.
        RowExperiment.RequestsPerReplica(Server(101), EightReplicas).Should().Be(7575);
    }

    [Fact]
    public void A_slow_server_row_still_simulates_at_least_3000_queries()
    {
        // 8.6 queries/s over 8 replicas for 600 s is 645: fewer than the 3,000 its percentiles need.
        RowExperiment.RequestsPerReplica(Server(8.6), EightReplicas).Should().Be(3000);
    }
}
