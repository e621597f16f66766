using Pipeline.Serving.Observation;

namespace Pipeline.Serving.Tests;

public sealed class ServingObserverTests
{
    private static readonly TestPlan Plan = new() { BlockSize = 4, KvBlocks = 256, MaxBatch = 8, MaxBatchedTokens = 256 };

    [Fact]
    public void Observers_see_each_step_once_with_its_batch_and_each_timeline_as_it_finishes()
    {
        var requests = new[] { Req.Make(0, 4, 2), Req.Make(1, 6, 1), Req.Make(2, 4, 3, 10) };
        var observer = new Recording();
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor(1.0)), Plan.Routing);
        var run = loop.Run(requests, new ServingLoopOptions(Observers: [observer]));

        // Step 0 prefills both early prompts, step 1 decodes request 0; request 2 arrives at t=10: prefill, then two decodes.
        observer.Steps.Select(s => (s.Start, s.PrefillSequences, s.PrefillTokens, s.DecodeSequences))
            .Should().Equal((0.0, 2, 10, 0), (1.0, 0, 0, 1), (10.0, 1, 4, 0), (11.0, 0, 0, 1), (12.0, 0, 0, 1));
        observer.Steps[1].ContextTokens.Should().Be(5, "request 0's four prompt tokens and its first output token");
        observer.Finished.Select(t => t.RequestId).Should().Equal(1, 0, 2);
        run.Steps.Should().Be(observer.Steps.Count);
    }

    [Fact]
    public void Without_kept_timelines_a_run_streams_them_to_observers_and_returns_none()
    {
        var requests = Enumerable.Range(0, 20).Select(i => Req.Make(i, 4, 3, i * 0.5)).ToArray();
        var observer = new Recording();
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor(0.25)), Plan.Routing);
        var run = loop.Run(requests, new ServingLoopOptions(Observers: [observer], KeepTimelines: false));
        run.Timelines.Should().BeEmpty();
        observer.Finished.Select(t => t.RequestId).Order().Should().Equal(Enumerable.Range(0, 20));
        observer.Finished.Should().OnlyContain(t => t.IsCompleted && t.TokenTimes.Count == 3);
    }

    [Fact]
    public void Without_recorded_steps_timelines_carry_none_and_everything_else_is_unchanged()
    {
        var requests = Enumerable.Range(0, 20).Select(i => Req.Make(i, 4 + i % 5, 1 + i % 4, i * 0.3)).ToArray();
        var run = (bool steps) => new ServingLoop(ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor(0.25)), Plan.Routing)
            .Run(requests, new ServingLoopOptions(RecordSteps: steps));
        var full = run(true);
        var lean = run(false);
        full.Timelines.Should().OnlyContain(t => t.Steps.Count >= t.TokenTimes.Count, "each token was sampled by a step");
        lean.Timelines.Should().OnlyContain(t => t.Steps.Count == 0);
        lean.Timelines.Select(t => (t.RequestId, t.End, string.Join(",", t.TokenTimes), string.Join(",", t.OutputTokens)))
            .Should().Equal(full.Timelines.Select(t => (t.RequestId, t.End, string.Join(",", t.TokenTimes), string.Join(",", t.OutputTokens))));
        lean.Steps.Should().Be(full.Steps);
    }

    [Fact]
    public void A_disaggregated_run_reports_the_kv_transfer_between_the_pools()
    {
        var plan = Plan with { PrefillWorkers = 1, DecodeWorkers = 1 };
        var observer = new Recording();
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(plan.Execution(), (_, _) => new FakeExecutor(1.0)), plan.Routing);
        loop.Run([Req.Make(0, 8, 3)], new ServingLoopOptions(Observers: [observer]));
        var transfer = observer.Transfers.Should().ContainSingle().Subject;
        (transfer.SourceWorker, transfer.TargetWorker, transfer.Start, transfer.End).Should().Be((0, 1, 1.0, 1.5));
        observer.Steps.Select(s => s.Role).Should().Equal(PoolRole.Prefill, PoolRole.Decode, PoolRole.Decode);
    }

    private sealed class Recording : IServingObserver
    {
        public List<WorkerStepRecord> Steps { get; } = [];

        public List<KvTransferRecord> Transfers { get; } = [];

        public List<RequestTimeline> Finished { get; } = [];

        public void OnStep(WorkerStepRecord step) => Steps.Add(step);

        public void OnKvTransfer(KvTransferRecord transfer) => Transfers.Add(transfer);

        public void OnRequestFinished(RequestTimeline timeline) => Finished.Add(timeline);
    }
}
