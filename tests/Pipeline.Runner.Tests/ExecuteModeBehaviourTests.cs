using Pipeline.Engine;
using Pipeline.Runner.Execution;
using Xunit.Abstractions;

namespace Pipeline.Runner.Tests;

/// <summary>Timing tests run alone, so the other tests' threads do not distort the measured steps.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

/// <summary>
/// The cost-model behaviours again, on the real engine (fast CPU backend, small random models), asserted as ratios
/// with wide margins. Step durations are measured, so the workloads are built so that the effect is structural
/// (tens of steps, or a prefill many times a decode) and survives a loaded machine.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class ExecuteModeBehaviourTests(ITestOutputHelper output)
{
    private static readonly TestPlan Mid = EnginePlans.Tiny with
    {
        Model = EnginePlans.Mid,
        BlockSize = 16,
        KvBlocks = 4096,
        MaxBatchedTokens = 4096,
    };

    private static TestPlan WithTrace(TestPlan plan, IEnumerable<(double Arrival, int Prompt, int Output)> requests)
    {
        var trace = Path.Combine(Directory.CreateTempSubdirectory().FullName, "trace.csv");
        File.WriteAllLines(trace, requests.OrderBy(r => r.Arrival).Select(r => FormattableString.Invariant($"{r.Arrival},{r.Prompt},{r.Output}")));
        return plan with { Workload = new WorkloadPlan(new TraceArrivals(trace), new FixedLength(1), new FixedLength(1), null, null, 1) };
    }

    /// <summary>
    /// About 38M parameters (150 MB in f32): large enough that a decode step streams weights from memory rather than
    /// from cache, which is the regime where batching decodes is nearly free (a cache-resident model on a 2-core CPU
    /// is compute-bound, and there a 16-sequence decode costs 16 single ones).
    /// </summary>
    private static readonly ModelArchitecture MemoryBound = new(2, 1024, 16, 4, 4096, 4096, 2048, 10000, 1e-5, DType.F32);

    private static ScheduledBatch Batch(params ScheduledSequence[] sequences) => new(0, sequences, [], [], []);

    /// <summary>
    /// The fastest of a few runs after a warm-up: interference from other processes only ever adds time. The step-time
    /// tests use a single-threaded backend: on an oversubscribed machine a multithreaded op waits for descheduled
    /// helper threads, which measures the OS scheduler rather than the kernels.
    /// </summary>
    private static double Fastest(EngineStepExecutor executor, ScheduledBatch batch) =>
        Enumerable.Range(0, 4).Select(_ => executor.Execute(batch).Seconds).Skip(1).Min();

    [Fact]
    public void Decode_step_time_grows_far_slower_than_batch_size()
    {
        using var backend = BackendFactory.Create(LocalBackend.Cpu, threads: 1);
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(MemoryBound, 1));
        using var executor = new EngineStepExecutor(model, model.CreateKvCache(256, 16));
        ScheduledSequence Decode(int i) => new(i, SequencePhase.Decode, 64, [7], Enumerable.Range(i * 8, 8).ToArray(), true);

        var decode1 = Fastest(executor, Batch(Decode(0)));
        var decode16 = Fastest(executor, Batch(Enumerable.Range(0, 16).Select(Decode).ToArray()));
        output.WriteLine($"decode x1 {decode1 * 1e3:F2} ms, x16 {decode16 * 1e3:F2} ms");
        (decode16 / decode1).Should().BeLessThan(8, "a decode step streams the weights once for the whole batch");
    }

    [Fact]
    public void Prefill_step_time_grows_roughly_with_tokens()
    {
        using var backend = BackendFactory.Create(LocalBackend.Cpu, threads: 1);
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(EnginePlans.Small, 1));
        using var executor = new EngineStepExecutor(model, model.CreateKvCache(64, 16));
        var table = Enumerable.Range(0, 64).ToArray();
        ScheduledBatch Prefill(int tokens) => Batch(new ScheduledSequence(0, SequencePhase.Prefill, 0, new int[tokens], table, true));

        var prefill64 = Fastest(executor, Prefill(64));
        var prefill256 = Fastest(executor, Prefill(256));
        output.WriteLine($"prefill 64 {prefill64 * 1e3:F2} ms, 256 {prefill256 * 1e3:F2} ms");
        (prefill256 / prefill64).Should().BeInRange(2, 10, "prefill is compute-bound: four times the tokens take about four times as long");
    }

    [Fact]
    public void Continuous_batching_gives_far_lower_ttft_than_static_on_the_engine()
    {
        // Two groups of 8: one long request and seven short ones each. Static makes the second group wait for the
        // first group's long request (about 600 steps); continuous admits it as soon as the short ones leave.
        var group = Enumerable.Range(0, 8).Select(i => (Prompt: 8 + i, Output: i == 0 ? 600 : 2)).ToArray();
        var requests = group.Select(r => (0.0, r.Prompt, r.Output)).Concat(group.Select(r => (0.0001, r.Prompt, r.Output)));
        var plan = WithTrace(Mid with { MaxBatch = 8 }, requests);
        ExperimentRunner.Run(plan.Experiment()); // warm-up: the first run in a process pays for JIT compilation
        var continuous = ExperimentRunner.Run(plan.Experiment()).Metrics;
        var statik = ExperimentRunner.Run((plan with { Policy = BatchingPolicy.Static }).Experiment()).Metrics;
        output.WriteLine($"TTFT mean continuous {continuous.Ttft.Mean * 1e3:F1} ms vs static {statik.Ttft.Mean * 1e3:F1} ms; " +
            $"output tok/s {continuous.OutputThroughput:F0} vs {statik.OutputThroughput:F0}");

        (continuous.Completed, statik.Completed).Should().Be((16, 16));
        continuous.Ttft.Mean.Should().BeLessThan(statik.Ttft.Mean * 0.5);
        continuous.Ttft.P99.Should().BeLessThan(statik.Ttft.P99 * 0.5);
        // Throughput is only logged here: this model is cache-resident on the CPU, so a decode step of two sequences
        // costs about twice one of a single sequence and batching cannot raise throughput (the cost model, where
        // decode is memory-bound, asserts it).
    }

    /// <summary>
    /// Twelve short requests and six long prompts all arrive at once. With a budget of 1000 tokens per step, whole
    /// prefill admits one 768-token prompt per step, so while the short ones decode, long prefills land in their
    /// steps one after another whatever the machine's speed. Chunking (64 tokens per step) spreads them thin.
    /// </summary>
    private static TestPlan LongPromptsAmongDecodes(TestPlan plan) => WithTrace(
        plan with { MaxBatch = 16, MaxBatchedTokens = 1000 },
        Enumerable.Range(0, 12).Select(_ => (0.0, 16, 30)).Concat(Enumerable.Range(0, 6).Select(_ => (0.0, 768, 2))));

    private static ServingMetrics ShortRequests(TestPlan plan) =>
        ServingMetrics.From(ExperimentRunner.Run(plan.Experiment()).Timelines.Where(t => t.PromptTokens < 100).ToArray());

    [Fact]
    public void Chunked_prefill_lowers_p99_itl_of_running_requests_on_the_engine()
    {
        var plan = LongPromptsAmongDecodes(Mid);
        var continuous = ShortRequests(plan);
        var chunked = ShortRequests(plan with { Policy = BatchingPolicy.Chunked, MaxBatchedTokens = 64 });
        output.WriteLine($"p99 ITL continuous {continuous.Itl.P99 * 1e3:F1} ms vs chunked {chunked.Itl.P99 * 1e3:F1} ms");
        chunked.Itl.P99.Should().BeLessThan(continuous.Itl.P99 * 0.8);
    }

    [Fact]
    public void Disaggregated_decode_workers_keep_itl_of_running_requests_free_of_long_prefills_on_the_engine()
    {
        var plan = LongPromptsAmongDecodes(Mid);
        var colocated = ShortRequests(plan with { ColocatedWorkers = 2 });
        var disaggregated = ShortRequests(plan with { PrefillWorkers = 1, DecodeWorkers = 1 });
        output.WriteLine($"p99 ITL colocated {colocated.Itl.P99 * 1e3:F1} ms vs disaggregated {disaggregated.Itl.P99 * 1e3:F1} ms; " +
            $"p99 TPOT {colocated.Tpot.P99 * 1e3:F1} vs {disaggregated.Tpot.P99 * 1e3:F1} ms");
        disaggregated.Itl.P99.Should().BeLessThan(colocated.Itl.P99 * 0.8);
    }
}
