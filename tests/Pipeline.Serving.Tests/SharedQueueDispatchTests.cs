namespace Pipeline.Serving.Tests;

/// <summary>One queue in front of the entry pool that workers take from as they start steps (<see cref="SharedQueueDispatch"/>).</summary>
public sealed class SharedQueueDispatchTests
{
    private static readonly TestPlan Plan = new()
    {
        BlockSize = 4, KvBlocks = 256, MaxBatch = 16, MaxBatchedTokens = 256, ColocatedWorkers = 2, Dispatch = SharedQueueDispatch.Instance,
    };

    private static ServingRun RunOn(TestPlan plan, IReadOnlyList<ServingRequest> requests, FakeExecutor executor, ServingLoopOptions? options = null)
    {
        var execution = plan.Execution();
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(execution, (_, _) => executor), execution.Deployment.Routing, execution.Deployment.Dispatch);
        return loop.Run(requests, options);
    }

    [Fact]
    public void An_arrival_that_finds_every_worker_busy_goes_to_the_first_to_start_a_step()
    {
        // Worker 0 runs 0 to 1 s and, its request not finished, again from 1 s; worker 1 runs from 0.5 s. The third query
        // (1.2 s) waits for worker 1's next step at 1.5 s, where a router (round robin, or fewest requests: a tie) picks
        // worker 0 and the query would wait for its step at 2 s.
        var requests = new[] { Req.Make(0, 4, 3, 0), Req.Make(1, 4, 3, 0.5), Req.Make(2, 4, 1, 1.2) };

        var run = RunOn(Plan, requests, new FakeExecutor(1.0));

        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 1);
        run.Timelines[2].TokenTimes.Should().Equal(2.5);
    }

    [Fact]
    public void Idle_workers_take_first_lowest_index_first_each_up_to_its_free_request_slots()
    {
        // Five queries at once, two slots a worker: worker 0 takes two, worker 1 two, and the fifth waits until worker 0
        // has a slot again (round robin would have sent it to worker 0 at once, to wait in its scheduler).
        var plan = Plan with { MaxBatch = 2 };
        var requests = Enumerable.Range(0, 5).Select(i => Req.Make(i, 4, 1)).ToArray();
        var executor = new FakeExecutor(1.0);

        var run = RunOn(plan, requests, executor);

        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 0, 1, 1, 0);
        run.Timelines.Select(t => t.TokenTimes[0]).Should().Equal(1, 1, 1, 1, 2);
        executor.Batches.Select(Drive.Describe).Should().Equal("0:P4 1:P4", "2:P4 3:P4", "4:P4");
    }

    [Fact]
    public void Disaggregated_the_prefill_pool_takes_from_the_queue_and_routing_places_the_decodes()
    {
        var plan = Plan with { ColocatedWorkers = 0, PrefillWorkers = 2, DecodeWorkers = 2, Routing = RoutingPolicy.RoundRobin };
        var requests = Enumerable.Range(0, 4).Select(i => Req.Make(i, 4, 3, i * 0.01)).ToArray();

        var run = RunOn(plan, requests, new FakeExecutor(1.0));

        run.Timelines.Should().OnlyContain(t => t.Status == RequestStatus.Completed);
        // Query 0 finds worker 0 idle, query 1 worker 1; 2 and 3 wait for worker 0's next step, at 1 s.
        run.Timelines.Select(t => t.Workers[0]).Should().Equal(0, 1, 0, 0);
        run.Timelines.Select(t => t.Workers[1]).Should().Equal(2, 3, 2, 3);
    }

    [Fact]
    public void A_stopped_run_rejects_the_queries_still_queued_and_keeps_the_books_balanced()
    {
        var plan = Plan with { ColocatedWorkers = 1, MaxBatch = 1 };
        var requests = Enumerable.Range(0, 3).Select(i => Req.Make(i, 4, 10)).ToArray();
        var instants = 0;

        var run = RunOn(plan, requests, new FakeExecutor(0.1), new ServingLoopOptions(StopReason: () => ++instants > 3 ? "stopped by test" : null));

        run.Timelines.Should().HaveCount(3);
        run.Timelines.Should().OnlyContain(t => t.Status == RequestStatus.Rejected && t.RejectionReason == "stopped by test");
        run.Timelines.Skip(1).Should().OnlyContain(t => t.Workers.Count == 0);
    }

    [Fact]
    public void A_query_no_worker_can_hold_is_rejected_with_the_reason_when_taken()
    {
        var plan = Plan with { KvBlocks = 4 };
        var requests = new[] { Req.Make(0, 64, 1), Req.Make(1, 4, 1) };

        var run = RunOn(plan, requests, new FakeExecutor(1.0));

        run.Timelines[0].Status.Should().Be(RequestStatus.Rejected);
        run.Timelines[0].RejectionReason.Should().NotBeNullOrEmpty();
        run.Timelines[1].Status.Should().Be(RequestStatus.Completed);
    }

    [Fact]
    public void A_dispatch_the_loop_does_not_know_is_refused()
    {
        var workers = ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor());

        var unknown = () => new ServingLoop(workers, RoutingPolicy.RoundRobin, new UnknownDispatch());

        unknown.Should().Throw<ArgumentException>().WithMessage("*UnknownDispatch*");
    }

    private sealed record UnknownDispatch : ArrivalDispatch;
}
