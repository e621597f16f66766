namespace Pipeline.Serving.Tests;

/// <summary>Harness-side batching in front of the entry pool (<see cref="ArrivalGathering"/>).</summary>
public sealed class ArrivalGatheringTests
{
    private static readonly TestPlan Plan = new() { BlockSize = 4, KvBlocks = 256, MaxBatch = 16, MaxBatchedTokens = 256, ColocatedWorkers = 2 };

    private static ServingRun RunOn(TestPlan plan, IReadOnlyList<ServingRequest> requests, FakeExecutor executor, ServingLoopOptions? options = null)
    {
        var execution = plan.Execution();
        var loop = new ServingLoop(ServingDeployment.CreateWorkers(execution, (_, _) => executor), execution.Deployment.Routing, execution.Deployment.Dispatch);
        return loop.Run(requests, options);
    }

    [Fact]
    public void Held_queries_leave_together_one_window_after_the_last_group_and_go_to_one_worker()
    {
        // The first query finds no group before it and leaves at once; the next three wait for the window to end at
        // 0.3 s and share the second worker's first step; the last waits for the window after that group, to 0.6 s.
        var plan = Plan with { Dispatch = new ArrivalGathering(96, 0.3) };
        var requests = new[] { Req.Make(0, 4, 1, 0), Req.Make(1, 4, 1, 0.1), Req.Make(2, 4, 1, 0.2), Req.Make(3, 4, 1, 0.25), Req.Make(4, 4, 1, 0.4) };
        var executor = new FakeExecutor(0.01);

        var run = RunOn(plan, requests, executor);

        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 1, 1, 0);
        run.Timelines.Select(t => t.TokenTimes[0]).Should().Equal(0.01, 0.31, 0.31, 0.31, 0.61);
        executor.Batches.Select(Drive.Describe).Should().Equal("0:P4", "1:P4 2:P4 3:P4", "4:P4");
    }

    [Fact]
    public void A_full_group_leaves_without_waiting_for_its_window()
    {
        var plan = Plan with { Dispatch = new ArrivalGathering(2, 10) };
        var requests = new[] { Req.Make(0, 4, 1, 0), Req.Make(1, 4, 1, 1), Req.Make(2, 4, 1, 2) };

        var run = RunOn(plan, requests, new FakeExecutor(0.5));

        run.Timelines.Select(t => t.TokenTimes[0]).Should().Equal(0.5, 2.5, 2.5);
        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 1);
    }

    [Fact]
    public void Queries_held_beyond_a_group_leave_as_several_groups_each_to_its_own_pick()
    {
        var plan = Plan with { ColocatedWorkers = 3, Dispatch = new ArrivalGathering(2, 1) };
        var requests = Enumerable.Range(0, 5).Select(i => Req.Make(i, 4, 1)).ToArray();

        var run = RunOn(plan, requests, new FakeExecutor(0.5));

        run.Timelines.Select(t => t.Workers.Single()).Should().Equal(0, 1, 1, 2, 2);
        run.Timelines.Should().OnlyContain(t => t.TokenTimes[0] == 0.5);
    }

    [Fact]
    public void A_stopped_run_rejects_the_queries_still_held_and_keeps_the_books_balanced()
    {
        var plan = Plan with { Dispatch = new ArrivalGathering(96, 100) };
        var requests = Enumerable.Range(0, 4).Select(i => Req.Make(i, 4, 3, i * 0.1)).ToArray();
        var instants = 0;

        // Seven instants: the first query's arrival and three steps, then the other three arrivals; it stops before the window ends at 100 s.
        var run = RunOn(plan, requests, new FakeExecutor(0.01), new ServingLoopOptions(StopReason: () => ++instants > 7 ? "stopped by test" : null));

        run.Timelines.Should().HaveCount(4);
        run.Timelines[0].Status.Should().Be(RequestStatus.Completed);
        run.Timelines.Skip(1).Should().OnlyContain(t => t.Status == RequestStatus.Rejected && t.RejectionReason == "stopped by test" && t.Workers.Count == 0);
    }

    [Fact]
    public void A_group_needs_a_query_and_a_window()
    {
        var workers = ServingDeployment.CreateWorkers(Plan.Execution(), (_, _) => new FakeExecutor());

        var noQueries = () => new ServingLoop(workers, RoutingPolicy.RoundRobin, new ArrivalGathering(0, 1));
        var noWindow = () => new ServingLoop(workers, RoutingPolicy.RoundRobin, new ArrivalGathering(4, 0));

        noQueries.Should().Throw<ArgumentException>();
        noWindow.Should().Throw<ArgumentException>();
    }
}
