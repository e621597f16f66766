using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Serving.Tests;

public sealed class PipelineParallelServingTests
{
    private static readonly TestPlan Plan = new() { BlockSize = 4, KvBlocks = 256, MaxBatch = 2, MaxBatchedTokens = 256 };

    /// <summary>Every step takes fixed stage times on its replica's shared stages (a FakeExecutor for pipelines).</summary>
    private sealed class StagedExecutor(StagePipeline stages, double[] stageSeconds) : IStepExecutor
    {
        public string Device => "staged";

        public StepResult Execute(ScheduledBatch batch) => throw new InvalidOperationException("the loop passes the time");

        public StepResult Execute(ScheduledBatch batch, double now) =>
            new(stages.Run(now, stageSeconds) - now, batch.Sequences.Where(s => s.Samples).ToDictionary(s => s.RequestId, s => 1));

        public KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks) => throw new NotSupportedException();

        public double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks) => 0;

        public void Dispose()
        {
        }
    }

    private static ServingRun Serve(TestPlan plan, double[] stageSeconds, IReadOnlyList<ServingRequest> requests)
    {
        var stages = new StagePipeline(stageSeconds.Length);
        var workers = ServingDeployment.CreateWorkers(plan.Execution(), (_, _) => new StagedExecutor(stages, stageSeconds));
        return new ServingLoop(workers, plan.Routing).Run(requests);
    }

    [Fact]
    public void Batches_entering_together_queue_stage_by_stage_and_then_leave_one_per_slowest_stage()
    {
        var stages = new StagePipeline(2);
        // By hand, stages of 1 s and 3 s: the first batch leaves at 4; the second enters stage 0 at once (0-1) but
        // waits for stage 1 until 4 (4-7); a third ready at 1 runs stage 0 at 1-2 and stage 1 at 7-10.
        stages.Run(0, [1, 3]).Should().Be(4);
        stages.Run(0, [1, 3]).Should().Be(7);
        stages.Run(1, [1, 3]).Should().Be(10);
    }

    [Fact]
    public void A_replica_of_two_stages_serves_two_batches_at_once_and_finishes_one_per_stage_time()
    {
        // Four requests of 10 output tokens, max_batch 2 per slot, stages of 1 s each (a step alone takes 2 s).
        var requests = Enumerable.Range(0, 4).Select(i => Req.Make(i, 4, 10)).ToArray();
        var staged = Serve(Plan with { PipelineParallel = 2 }, [1, 1], requests);
        // By hand: slot 0 (requests 0, 2) enters at 0 and leaves at 2; slot 1 (1, 3) waits a stage, leaves at 3; then
        // each slot re-enters as it leaves: slot 0's steps end at 2, 4, ..., 20, slot 1's at 3, 5, ..., 21.
        staged.Steps.Should().Be(20);
        staged.EndTime.Should().Be(21);
        staged.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 0, 1);
        staged.Timelines.Single(t => t.RequestId == 1).TokenTimes.Should().Equal(Enumerable.Range(0, 10).Select(i => 3.0 + 2 * i));
        // One stage of 2 s (the same layers unsplit) serves one batch at a time: requests 0 and 1, then 2 and 3.
        var unstaged = Serve(Plan, [2], requests);
        unstaged.Steps.Should().Be(20);
        unstaged.EndTime.Should().Be(40);
        // Latency per token is the sum of the stages either way; throughput is 40 / 21 against 40 / 40 tok/s.
        unstaged.Timelines.Single(t => t.RequestId == 0).TokenTimes.Should().Equal(Enumerable.Range(1, 10).Select(i => 2.0 * i));
    }

    [Fact]
    public void At_low_load_one_batch_in_flight_leaves_a_bubble_and_gains_nothing()
    {
        var request = new[] { Req.Make(0, 4, 5) };
        // Alone, each step crosses both stages while the other stage idles: 5 steps of 2 s, as unstaged.
        Serve(Plan with { PipelineParallel = 2 }, [1, 1], request).EndTime.Should().Be(10);
        Serve(Plan, [2], request).EndTime.Should().Be(10);
    }

    [Fact]
    public void Each_slot_of_a_replica_gets_its_share_of_the_kv_blocks()
    {
        var workers = ServingDeployment.CreateWorkers((Plan with { PipelineParallel = 2, ColocatedWorkers = 3 }).Execution(), (_, _) => new FakeExecutor());
        workers.Should().HaveCount(6);
        workers.Should().OnlyContain(w => w.Scheduler.Options.KvBlocks == 128);
    }

    [Fact]
    public void Simulated_slots_of_one_replica_share_its_stages_and_a_step_alone_takes_the_host_plus_the_stages()
    {
        var plan = (Plan with { PipelineParallel = 2, ColocatedWorkers = 2 }).Execution();
        var workers = ServingDeployment.CreateSimulatedWorkers(plan);
        workers.Select(w => w.Executor.Device).Should().OnlyContain(d => d == "cost-model (h100-sxm x1 x pp2)");
        var batch = new ScheduledBatch(0, [new ScheduledSequence(0, SequencePhase.Prefill, 0, new int[64], new int[16], true)], [], [], []);
        var predictor = new ExecutionTimePredictor(plan.Model.Architecture, plan.Deployment.Pools[0].Accelerator, 1, 2);
        var stage = new double[2];
        var shape = default(StepShape);
        shape.Add(64, 0);
        var host = predictor.Stages(shape, stage);
        // Slot 0 alone: host, then both stages. Slot 1 of the same replica, ready at the same time, runs stage 0 after
        // slot 0's and stage 1 when both its stage 0 and slot 0's stage 1 are done. Replica 2's first slot does not wait.
        var first = workers[0].Executor.Execute(batch, 0).Seconds;
        first.Should().BeApproximately(host + stage[0] + stage[1], 1e-12);
        workers[1].Executor.Execute(batch, 0).Seconds.Should().BeApproximately(host + stage[0] + Math.Max(stage[0], stage[1]) + stage[1], 1e-12);
        workers[2].Executor.Execute(batch, 0).Seconds.Should().BeApproximately(first, 1e-12);
        stage[0].Should().BeGreaterThan(0);
        stage[1].Should().BeGreaterThan(stage[0], "the last stage also runs the LM head");
    }
}
