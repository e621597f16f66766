namespace Pipeline.Serving.Tests;

public sealed class ServingLoopTests
{
    private static readonly TestPlan Plan = new() { BlockSize = 4, KvBlocks = 256, MaxBatch = 8, MaxBatchedTokens = 256 };

    private static ServingRun RunOn(TestPlan plan, IReadOnlyList<ServingRequest> requests, Func<int, IStepExecutor> executor) =>
        new ServingLoop(ServingDeployment.CreateWorkers(plan.Execution(), (_, i) => executor(i)), plan.Routing).Run(requests);

    [Fact]
    public void Requests_arriving_together_share_the_first_step()
    {
        var executor = new FakeExecutor(1.0);
        var requests = Enumerable.Range(0, 3).Select(i => Req.Make(i, 4, 2)).ToArray();
        var run = RunOn(Plan, requests, _ => executor);
        Drive.Describe(executor.Batches[0]).Should().Be("0:P4 1:P4 2:P4");
        run.Timelines.Should().OnlyContain(t => t.TokenTimes.SequenceEqual(new[] { 1.0, 2.0 }));
        run.EndTime.Should().Be(2);
    }

    [Fact]
    public void Workers_advance_one_timeline_in_parallel()
    {
        var plan = Plan with { ColocatedWorkers = 2, MaxBatch = 1 };
        var requests = new[] { Req.Make(0, 4, 3), Req.Make(1, 4, 3) };
        var run = RunOn(plan, requests, _ => new FakeExecutor(1.0));
        run.Timelines.Select(t => t.End).Should().Equal(3, 3);
        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1);
    }

    // A long prompt first, then three short ones 0.1 s apart, on three workers.
    private static IReadOnlyList<int> WorkersOfALongPromptThenThreeShort(RoutingPolicy routing)
    {
        var requests = new[] { Req.Make(0, 40, 50), Req.Make(1, 4, 50, 0.1), Req.Make(2, 4, 50, 0.2), Req.Make(3, 4, 50, 0.3) };
        var run = RunOn(Plan with { ColocatedWorkers = 3, Routing = routing }, requests, _ => new FakeExecutor(0.05));
        return run.Timelines.Select(t => t.Workers.Single()).ToArray();
    }

    [Fact]
    public void Least_loaded_routing_sends_work_to_the_worker_with_fewest_kv_blocks_ties_to_the_lowest_index() =>
        WorkersOfALongPromptThenThreeShort(RoutingPolicy.LeastLoaded).Should().Equal(0, 1, 2, 1);

    [Fact]
    public void Least_requests_routing_counts_requests_not_kv_blocks_ties_to_the_lowest_index()
    {
        // Request 3 finds one request on every worker, so it goes to worker 0, although worker 0's 40-token prompt
        // holds the most blocks (least_loaded sends it to worker 1).
        WorkersOfALongPromptThenThreeShort(RoutingPolicy.LeastRequests).Should().Equal(0, 1, 2, 0);
        var plan = Plan with { ColocatedWorkers = 3, Routing = RoutingPolicy.LeastRequests };
        // A finished request no longer counts: request 4 arrives after requests 0 and 1 (2 tokens each) are done.
        var later = new[] { Req.Make(0, 4, 2), Req.Make(1, 4, 2), Req.Make(2, 4, 50, 0.01), Req.Make(3, 4, 50, 0.02), Req.Make(4, 4, 50, 1.0) };
        RunOn(plan, later, _ => new FakeExecutor(0.05)).Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 2, 0, 1);
    }

    [Fact]
    public void A_disaggregated_request_prefills_on_one_worker_and_decodes_on_another_after_the_transfer()
    {
        var plan = Plan with { PrefillWorkers = 1, DecodeWorkers = 1 };
        var run = RunOn(plan, [Req.Make(0, 8, 3)], _ => new FakeExecutor(1.0));
        var timeline = run.Timelines.Single();
        timeline.Workers.Should().Equal(0, 1);
        timeline.Steps.Select(s => (s.Worker, s.Phase)).Should().Equal((0, SequencePhase.Prefill), (1, SequencePhase.Decode), (1, SequencePhase.Decode));
        (timeline.KvTransferStart, timeline.KvTransferEnd).Should().Be((1.0, 1.5));
        timeline.TokenTimes.Should().Equal(1.0, 2.5, 3.5);
    }

    [Fact]
    public void A_stop_reason_rejects_everything_unfinished_and_keeps_the_books_balanced()
    {
        var requests = Enumerable.Range(0, 5).Select(i => Req.Make(i, 4, 10, i)).ToArray();
        var steps = 0;
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor(1.0)), Plan.Routing);
        var run = loop.Run(requests, new ServingLoopOptions(StopReason: () => ++steps > 6 ? "stopped by test" : null));
        run.AbortReason.Should().Be("stopped by test");
        run.Timelines.Should().HaveCount(5).And.OnlyContain(t => t.Status == RequestStatus.Rejected && t.RejectionReason == "stopped by test");
    }

    /// <summary>SimSharp's habit: check the loop against a closed form. M/M/1: mean time in system is 1 / (mu - lambda).</summary>
    [Fact]
    public void A_single_server_queue_with_exponential_service_matches_the_mm1_closed_form()
    {
        const double lambda = 0.5, mu = 1.0;
        var workload = new WorkloadPlan(new PoissonArrivals(lambda), new FixedLength(1), new FixedLength(1), 20000, null, 5);
        var requests = WorkloadGenerator.Generate(workload, 10).Requests;
        var service = new Random(9);
        var run = RunOn(Plan with { MaxBatch = 1 }, requests, _ => new FakeExecutor(_ => -Math.Log(1 - service.NextDouble()) / mu));
        var metrics = ServingMetrics.From(run.Timelines);
        metrics.E2e.Mean.Should().BeApproximately(1 / (mu - lambda), 0.15);
    }

    [Fact]
    public void A_request_id_issued_twice_while_the_first_is_held_is_a_bug_even_on_another_worker()
    {
        // Round robin puts the two on different workers, so only the loop's own check can see the repeat.
        var plan = Plan with { ColocatedWorkers = 2 };
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(plan.Execution(), (_, _) => new FakeExecutor(1.0)), plan.Routing);

        var act = () => loop.Run([Req.Make(3, 4, 2), Req.Make(3, 4, 2)]);

        act.Should().Throw<InvalidOperationException>().WithMessage("*request id 3 twice*");
    }
}
