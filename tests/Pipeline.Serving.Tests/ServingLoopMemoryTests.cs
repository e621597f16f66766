using Pipeline.Serving.LoadGeneration;

namespace Pipeline.Serving.Tests;

/// <summary>
/// What the serving loop allocates, counted in bytes on this thread (deterministic: no timing). Each figure is the
/// difference between a large and a small run over the same events, so fixed costs (workers, buffers, the first steps)
/// cancel and what is left is per queued request or per sequence-step.
/// </summary>
public sealed class ServingLoopMemoryTests
{
    /// <summary>
    /// An Offline run queues every query at time zero. Per queued query: the request (40 bytes), its prompt (48, plus a
    /// generator state shared every 1,024 draws: about 28 bytes at 100-token prompts), its recorder without lists (about
    /// 150), its scheduler state (80), a dictionary entry and a queue slot (about 70 with their growth) and the arrival
    /// event (32): about 480. Before, each also held its own generator state (280), five empty lists (160), an entry in
    /// the loop's table of recorders (28 and growth) and a linked-list node (48): about 1,000.
    /// </summary>
    [Fact]
    public void A_query_queued_by_an_offline_run_allocates_at_most_512_bytes()
    {
        var perQuery = (double)(QueueBytes(queries: 20_000) - QueueBytes(queries: 4_000)) / 16_000;

        perQuery.Should().BeLessThanOrEqualTo(512);
        perQuery.Should().BeGreaterThanOrEqualTo(200, "a request, its prompt, recorder and scheduler state are objects of their own");
    }

    /// <summary>
    /// In the loop a cost-model worker's scheduler reuses its step's arrays, sampled tokens are read off the batch, token
    /// times are one log entry per step and output ids stay in the scheduler's token array: a decode step allocates
    /// nothing per sequence (the scheduler alone, which hands out a new batch each step, allocates 40 bytes or more).
    /// </summary>
    [Fact]
    public void A_decode_step_in_the_serving_loop_allocates_at_most_4_bytes_per_sequence()
    {
        const int steps = 20;
        var perSequence = (double)(DecodeBytes(sequences: 512, steps) - DecodeBytes(sequences: 64, steps)) / ((512 - 64) * steps);

        perSequence.Should().BeLessThanOrEqualTo(4);
    }

    /// <summary>
    /// Oracle: every gap between consecutive token times of the kept timelines, summarised as a plain sample. The
    /// metrics builder counts gaps inside a worker's step-time runs per log entry; preemptions and two workers make
    /// timelines of several runs, so gaps across runs are counted too.
    /// </summary>
    [Fact]
    public void The_itl_counted_from_step_time_runs_is_every_gap_of_the_timelines()
    {
        var plan = new TestPlan
        {
            KvBlocks = 60, ColocatedWorkers = 2, MaxBatch = 32,
            Workload = new WorkloadPlan(new PoissonArrivals(1000), new UniformLength(16, 200), new UniformLength(50, 300), 300, null, 3),
        };
        var builder = new ServingMetricsBuilder();
        var requests = WorkloadGenerator.Generate(plan.Workload, 32000).Requests;
        var run = ServingDeployment.Simulate(plan.Execution(), requests, new ServingLoopOptions(Observers: [builder]));
        var gaps = run.Timelines.SelectMany(t => t.TokenTimes.ToArray().Zip(t.TokenTimes.ToArray().Skip(1), (a, b) => b - a)).ToArray();

        var itl = builder.Build().Itl;

        run.Timelines.Sum(t => t.Preemptions.Count).Should().BePositive("the test needs timelines of several runs");
        var oracle = new LatencyStats(gaps);
        itl.Count.Should().Be(gaps.Length);
        itl.Sorted.Should().Equal(oracle.Sorted);
        BitConverter.DoubleToInt64Bits(itl.Mean).Should().Be(BitConverter.DoubleToInt64Bits(oracle.Mean));
        itl.P99.Should().Be(oracle.P99);
    }

    private static long QueueBytes(int queries)
    {
        // Two workers of four sequences each: the first steps are small; every other query waits.
        var plan = new TestPlan { MaxBatch = 4, ColocatedWorkers = 2, KvBlocks = 65536 };
        var workload = new WorkloadPlan(new AllAtOnceArrivals(), new FixedLength(100), new FixedLength(50), queries, null, 11);
        var load = LoadGenerators.For(Scenario.Offline, workload, 32000).Load!;
        long before = 0, after = 0;
        var polls = 0;
        var options = new ServingLoopOptions(StopReason: () =>
        {
            // Polled before the first event, then after every query has arrived (all at time zero) and the first steps started.
            if (++polls == 1) before = GC.GetAllocatedBytesForCurrentThread();
            if (polls < 2) return null;
            after = GC.GetAllocatedBytesForCurrentThread();
            return "measured";
        }, KeepTimelines: false, RecordSteps: false);
        new ServingLoop(ServingDeployment.CreateSimulatedWorkers(plan.Execution()), plan.Routing).Run(load, options);
        return after - before;
    }

    private static long DecodeBytes(int sequences, int steps)
    {
        var plan = new TestPlan { MaxBatch = 1024, MaxBatchedTokens = 65536, KvBlocks = 65536 };
        var workload = new WorkloadPlan(new AllAtOnceArrivals(), new FixedLength(40), new FixedLength(1000), sequences, null, 5);
        var load = LoadGenerators.For(Scenario.Offline, workload, 32000).Load!;
        long before = 0, after = 0;
        var polls = 0;
        var options = new ServingLoopOptions(StopReason: () =>
        {
            // One worker, one event time per step: after 8 steps (prefill, then decodes) every buffer has its room.
            polls++;
            if (polls == 10) before = GC.GetAllocatedBytesForCurrentThread();
            if (polls < 10 + steps) return null;
            after = GC.GetAllocatedBytesForCurrentThread();
            return "measured";
        }, Observers: [new ServingMetricsBuilder()], KeepTimelines: false, RecordSteps: false);
        new ServingLoop(ServingDeployment.CreateSimulatedWorkers(plan.Execution()), plan.Routing).Run(load, options);
        return after - before;
    }
}
