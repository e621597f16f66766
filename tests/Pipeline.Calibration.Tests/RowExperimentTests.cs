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

    [Fact]
    public void The_tables_pp_column_splits_the_system_into_pipelined_replicas()
    {
        var text = "round\tsubmitter\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\tprecision\ttp\tpp\tmax_batch\tsoftware\n"
            + "v4.1\tX\tNVIDIA H100-SXM-80GB\t8\t1\tOffline\t100\tfp8\t2\t2\t896\tTensorRT\n"
            + "v4.0\tY\tNVIDIA H100-SXM-80GB\t8\t1\tOffline\t100\tfp8\t2\tunconfirmed\t896\tTensorRT\n";
        var (rows, errors) = PublishedResultsReader.Read(new Pipeline.Core.Text.SourceText("t.tsv", text));
        errors.Should().BeEmpty();
        var (system, reason) = PublishedSystems.Map(rows[0]);
        reason.Should().BeNull();
        // By hand: 8 accelerators in TP2 x PP2 replicas of 4 are 2 replicas.
        system!.Replicas.Should().Be(2);
        RowExperiment.Text(rows[0], system, MlperfWorkload.Assumed, []).Should().Contain("tp = 2   pp = 2   workers = 1");
        PublishedSystems.Map(rows[1]).Reason.Should().Contain("pipeline parallelism");
    }

    [Fact]
    public void A_table_without_a_pp_column_runs_one_stage_and_writes_none()
    {
        var row = Server(101);
        row.PipelineParallel.Should().Be(1);
        RowExperiment.Text(row, EightReplicas, MlperfWorkload.Assumed, []).Should().Contain("tp = 1   workers = 1");
    }
}
