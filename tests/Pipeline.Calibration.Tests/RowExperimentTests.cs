using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Tests;

public sealed class RowExperimentTests
{
    private static readonly SimulatedSystem EightReplicas = new("h200", null, 1, 8, 896, 4096, "policy = chunked", "test");

    private static PublishedResult Server(double qps) =>
        new(3, "v4.1", "NVIDIA", "s", "h200", 8, "Server", 29228, 0.45, 0.146, qps, "fp8", 1, 896, "TensorRT");

    private const string H200Summary = "mlcommons/inference_results_v4.1@198fc467:closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Server/performance/run_1/mlperf_log_summary.txt";

    [Fact]
    public void A_server_row_runs_as_long_as_its_published_run_shared_among_the_replicas()
    {
        // By hand: NVIDIA's H200 summary prints min_duration 2,400,000 ms: 2,400 s at 101 / 8 queries/s per replica is 30,300.
        var row = Server(101) with { SourcePath = H200Summary };
        RowExperiment.RequestsPerShare(row, EightReplicas).Should().Be(30300);
        RowExperiment.Text(row, EightReplicas, MlperfWorkload.Assumed, []).Should().Contain("requests = 30300");
        // The 99.9% run of the same system ran as long.
        ServerRunLength.Of(row with { SourcePath = H200Summary.Replace("llama2-70b-99/", "llama2-70b-99.9/", StringComparison.Ordinal) }).Seconds.Should().Be(2400);
    }

    [Fact]
    public void An_offline_row_holds_as_many_samples_as_its_published_run()
    {
        // By hand: the H200's Offline summary prints min_duration 2,400,000 ms and samples_per_query 274,560
        // (104 x 2,400 x 1.1); eight replicas hold 34,320 each. Without a published summary, the rules' 600 s:
        // 104 x 600 x 1.1 = 68,640, 8,580 each; a slow system still runs the whole data set, 24,576.
        var offline = Server(104) with { Scenario = "Offline", SourcePath = H200Summary.Replace("/Server/", "/Offline/", StringComparison.Ordinal) };
        RowExperiment.RequestsPerShare(offline, EightReplicas).Should().Be(34320);
        RowExperiment.Text(offline, EightReplicas, MlperfWorkload.Assumed, []).Should().Contain("requests = 34320");
        RowExperiment.RequestsPerShare(offline with { SourcePath = null }, EightReplicas).Should().Be(8580);
        RowExperiment.RequestsPerShare(offline with { SourcePath = null, TargetQps = 19 }, EightReplicas with { Replicas = 1 }).Should().Be(24576);
    }

    [Fact]
    public void A_server_row_without_a_published_summary_runs_the_rules_600_seconds()
    {
        // By hand: 600 s at 12.625 queries/s per replica is 7,575; one replica at 500 queries/s, 300,000.
        RowExperiment.RequestsPerShare(Server(101), EightReplicas).Should().Be(7575);
        RowExperiment.RequestsPerShare(Server(500), EightReplicas with { Replicas = 1 }).Should().Be(300000);
        ServerRunLength.Of(Server(101) with { SourcePath = "elsewhere" }).Should().Be(ServerRunLength.RuleMinimum);
    }

    [Fact]
    public void A_shorter_run_length_is_shared_the_same_way()
    {
        // By hand: 6,000 queries over 8 replicas are 750 each; 600 s at 8.6 / 8 queries/s would be 645.
        var length = new ServerRunLength(6000, 600);
        RowExperiment.RequestsPerShare(Server(8.6), EightReplicas, length).Should().Be(750);
        RowExperiment.Text(Server(8.6), EightReplicas, MlperfWorkload.Assumed, [], length: length).Should().Contain("requests = 750");
        // Offline rows keep LoadGen's sample count whatever the Server length: max(24,576, 101 x 660) / 8.
        RowExperiment.RequestsPerShare(Server(101) with { Scenario = "Offline" }, EightReplicas, length).Should().Be(8333);
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

    [Fact]
    public void An_amd_server_row_gathers_arrivals_as_its_harness_did_and_simulates_every_replica_at_the_whole_rate()
    {
        var amd = new PublishedResult(13, "v4.1", "AMD", "s", "AMD Instinct MI300X-NPS1-SPX-192GB-750W", 8, "Server", 21028, 1.6, 0.198, 73.5, "fp8", 1, 1024, "vLLM 0.4.3");
        var (system, reason) = PublishedSystems.Map(amd);
        reason.Should().BeNull();
        system!.Dispatch.Should().Be(PublishedSystems.AmdServerDispatch);
        // Groups go to the GPUs in turn, so no GPU's share is a Poisson stream of its own: all 8 run, at 73.5 queries/s,
        // for the rules' 600 s (AMD's summaries print min_duration 600,000 ms): 44,100 queries.
        (system.SimulatedReplicas, system.Shares).Should().Be((8, 1));
        var text = RowExperiment.Text(amd, system, MlperfWorkload.Assumed, []);
        text.Should().Contain("workers = 8   dispatch = gather(size: 96, window: 300 ms)").And.Contain("poisson(rate: 73.5 req/s)").And.Contain("requests = 44100");
        RowSimulator.Compile(amd, text).Execution.Deployment.Dispatch.Should().Be(new Pipeline.Plans.ArrivalGathering(96, 0.3));
        // Its Offline run queues every query at once and has no harness batcher; Dell ran the same harness's asynchronous variant, with its defaults.
        PublishedSystems.Map(amd with { Scenario = "Offline" }).System!.Dispatch.Should().BeNull();
        PublishedSystems.Map(amd with { Submitter = "Dell" }).System!.Dispatch.Should().Be("gather(size: 32, window: 400 ms)");
    }

    [Fact]
    public void A_held_batch_runs_one_replica_with_every_query_at_once_and_the_batch_as_its_max_batch()
    {
        // By hand: 451 held, 50 queries a slot: 22,550 queries on one worker, arriving together, in the Server
        // scenario (so the run streams as the row's did), without the AMD harness's gathering.
        var text = RowExperiment.Text(Server(101), EightReplicas, MlperfWorkload.Assumed, [], closedBatch: 451);
        text.Should().Contain("workers = 1 }").And.Contain("max_batch = 451 ").And.Contain("arrivals = all_at_once")
            .And.Contain("requests = 22550").And.Contain("scenario = server").And.NotContain("poisson");
        var plan = RowSimulator.Compile(Server(101), text);
        plan.Execution.Deployment.Dispatch.Should().BeNull();
        var gathered = EightReplicas with { Dispatch = PublishedSystems.AmdServerDispatch };
        RowExperiment.Text(Server(101), gathered, MlperfWorkload.Assumed, [], closedBatch: 400).Should().NotContain("dispatch").And.Contain("workers = 1 }");
        FluentActions.Invoking(() => RowExperiment.Text(Server(101), EightReplicas, MlperfWorkload.Assumed, [], closedBatch: 0))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void An_nvidia_server_row_runs_every_replica_behind_the_harness_least_busy_routing_and_its_offline_row_one()
    {
        var h100 = new PublishedResult(7, "v4.1", "NVIDIA", "s", "NVIDIA H100-SXM-80GB", 8, "Server", 21606, 0.46, 0.175, 75, "fp8", 2, 1024, "TensorRT 10.2");
        var (system, reason) = PublishedSystems.Map(h100);
        reason.Should().BeNull();
        (system!.Routing, system.SimulatedReplicas, system.Shares).Should().Be(("least_requests", 4, 1));
        // By hand: 4 TP2 groups at the whole 75 queries/s, for the rules' 600 s (no summary named): 45,000 queries.
        RowExperiment.Text(h100, system, MlperfWorkload.Assumed, []).Should().Contain("workers = 4   routing = least_requests }")
            .And.Contain("poisson(rate: 75 req/s)").And.Contain("requests = 45000");
        var offline = PublishedSystems.Map(h100 with { Scenario = "Offline" }).System!;
        (offline.Routing, offline.SimulatedReplicas).Should().Be(((string?)null, 1));
        // A held batch is one replica, not routed.
        RowExperiment.Text(h100, system, MlperfWorkload.Assumed, [], closedBatch: 839).Should().Contain("workers = 1 }").And.NotContain("routing");
    }

    [Fact]
    public void A_single_process_nvidia_server_row_runs_every_gpu_behind_one_shared_queue()
    {
        // Tensor parallelism 1: NVIDIA's harness runs one process whose GPUs take from one queue; no router.
        var h200 = new PublishedResult(3, "v4.1", "NVIDIA", "s", "NVIDIA H200-SXM-141GB", 8, "Server", 29228, 0.45, 0.146, 101, "fp8", 1, 896, "TensorRT 10.2");
        var system = PublishedSystems.Map(h200).System!;
        (system.Dispatch, system.Routing, system.SimulatedReplicas, system.GathersArrivals).Should().Be(("shared_queue", (string?)null, 8, false));
        var plan = RowSimulator.Compile(h200, RowExperiment.Text(h200, system, MlperfWorkload.Assumed, []));
        plan.Execution.Deployment.Dispatch.Should().BeOfType<Pipeline.Plans.SharedQueueDispatch>();
        plan.Execution.Deployment.Pools.Single().Workers.Should().Be(8);
        // A held batch is one replica: nothing to share a queue with.
        RowExperiment.Text(h200, system, MlperfWorkload.Assumed, [], closedBatch: 451).Should().Contain("workers = 1 }").And.NotContain("dispatch");
        PublishedSystems.Map(h200 with { Scenario = "Offline" }).System!.Dispatch.Should().BeNull();
    }
}
