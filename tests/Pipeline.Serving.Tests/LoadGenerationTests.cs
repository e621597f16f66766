using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.LoadGeneration;

namespace Pipeline.Serving.Tests;

/// <summary>LoadGen's scenarios in front of the loop, on a fake executor whose steps take a known time.</summary>
public sealed class LoadGenerationTests
{
    private static readonly TestPlan Plan = new() { BlockSize = 4, KvBlocks = 1024, MaxBatch = 8, MaxBatchedTokens = 512 };

    private static readonly WorkloadPlan Poisson = new(new PoissonArrivals(4), new UniformLength(4, 12), new FixedLength(3), 40, null, 11);

    private static ServingRun Serve(ILoadGenerator load, double stepSeconds = 0.1, TestPlan? plan = null, ServingLoopOptions? options = null)
    {
        plan ??= Plan;
        var workers = ServingDeployment.CreateWorkers(plan.Execution(), (_, _) => new FakeExecutor(stepSeconds));
        return new ServingLoop(workers, plan.Routing).Run(load, options);
    }

    private static ILoadGenerator Load(Scenario scenario, WorkloadPlan workload, LoadMinimums? minimums = null) =>
        LoadGenerators.For(scenario, workload, 100, minimums: minimums).Load ?? throw new InvalidOperationException("workload did not open");

    [Fact]
    public void Server_issues_the_workload_open_loop_exactly_as_the_precomputed_list()
    {
        var lazily = Serve(Load(Scenario.Server, Poisson));
        var listed = Serve(new RequestListLoad(WorkloadGenerator.Generate(Poisson, 100).Requests));
        lazily.Timelines.Select(t => (t.RequestId, t.Arrival, t.End, t.PromptTokens))
            .Should().Equal(listed.Timelines.Select(t => (t.RequestId, t.Arrival, t.End, t.PromptTokens)));
        lazily.Timelines.Select(t => t.Arrival).Should().BeInAscendingOrder().And.Contain(a => a > 1, "Poisson arrivals spread over time");
    }

    [Fact]
    public void Offline_issues_every_query_at_time_zero_whatever_the_arrival_process_says()
    {
        var offline = Serve(Load(Scenario.Offline, Poisson));
        var server = Serve(Load(Scenario.Server, Poisson));
        offline.Timelines.Should().HaveCount(40).And.OnlyContain(t => t.Arrival == 0);
        offline.Timelines.Select(t => t.PromptTokens).Should().Equal(server.Timelines.Select(t => t.PromptTokens), "only the times are ignored");
        offline.EndTime.Should().BeLessThan(server.EndTime, "nothing waits for arrivals");
    }

    [Fact]
    public void Offline_over_a_duration_sends_the_queries_the_arrivals_would_have_held()
    {
        var workload = Poisson with { Requests = null, Duration = 5 };
        var expected = WorkloadGenerator.Generate(workload, 100).Requests.Count;
        var run = Serve(Load(Scenario.Offline, workload));
        run.Timelines.Should().HaveCount(expected).And.OnlyContain(t => t.Arrival == 0);
    }

    [Fact]
    public void Single_stream_issues_the_next_query_when_the_previous_one_finishes()
    {
        // Prompt and three output tokens: one prefill step and two decode steps of 0.1 s each.
        var run = Serve(Load(Scenario.SingleStream, Poisson));
        run.Timelines.Should().HaveCount(40);
        run.Timelines.Zip(run.Timelines.Skip(1)).Should().OnlyContain(pair => pair.Second.Arrival == pair.First.End);
        run.Timelines.Should().OnlyContain(t => Math.Abs(t.End - t.Arrival - 0.3) < 1e-9);
        run.Timelines.SelectMany(t => t.Steps).Should().OnlyContain(s => Math.Abs(s.End - s.Start - 0.1) < 1e-9);
    }

    [Fact]
    public void Single_stream_never_has_two_queries_in_flight_even_on_many_workers()
    {
        var load = new InFlightCounter(Load(Scenario.SingleStream, Poisson));
        Serve(load, plan: Plan with { ColocatedWorkers = 4 });
        load.MaxInFlight.Should().Be(1);
        load.Issued.Should().Be(40);
    }

    [Fact]
    public void Single_stream_bounded_by_a_duration_stops_issuing_after_it()
    {
        var workload = Poisson with { Requests = null, Duration = 3.05 };
        var run = Serve(Load(Scenario.SingleStream, workload));
        run.Timelines.Should().HaveCount(11, "queries of 0.3 s are issued at 0, 0.3, ..., 3.0 (and none after 3.05 s)");
        run.Timelines[^1].Arrival.Should().BeApproximately(3.0, 1e-9);
    }

    [Fact]
    public void Queries_are_made_as_the_run_reaches_them_not_up_front()
    {
        var workload = Poisson with { Requests = 1_000_000, Arrivals = new PoissonArrivals(50) };
        var load = new InFlightCounter(Load(Scenario.Server, workload));
        load.Issued.Should().Be(0, "opening a million-request workload makes none of them");
        var stopAfter = 2000;
        var run = Serve(load, stepSeconds: 0.01, options: new ServingLoopOptions(
            StopReason: () => load.Finished >= stopAfter ? "enough" : null, KeepTimelines: false));
        run.AbortReason.Should().Be("enough");
        load.Issued.Should().BeLessThan(stopAfter + 50, "only queries that have arrived, plus the next one, exist");
        load.MaxInFlight.Should().BeLessThan(50, "memory follows the requests in flight");
    }

    [Fact]
    public void Server_keeps_issuing_past_the_workload_until_the_minimum_duration_and_query_count()
    {
        // 40 requests at 4 req/s last about 10 s; LoadGen would schedule queries until the minimum duration.
        var run = Serve(Load(Scenario.Server, Poisson, new LoadMinimums(10, 30)));
        run.Timelines.Count.Should().BeGreaterThan(40);
        run.Timelines.Max(t => t.Arrival).Should().BeGreaterThanOrEqualTo(30);
        run.Timelines.Count(t => t.Arrival >= 30).Should().Be(1, "the first query at or after the minimum duration is the last");
        var listed = WorkloadGenerator.Generate(Poisson, 100).Requests;
        run.Timelines.Take(40).Select(t => t.Arrival).Should().Equal(listed.Select(r => r.ArrivalTime), "the workload's own queries come first, unchanged");
        Serve(Load(Scenario.Server, Poisson, new LoadMinimums(100, null))).Timelines.Should().HaveCount(100);
    }

    [Fact]
    public void Offline_issues_loadgens_slack_times_the_minimum_duration_at_the_expected_rate()
    {
        // LoadGen: max(min_query_count, 1.1 x min_duration x expected QPS) samples; the Poisson rate (4 req/s) is the expected QPS.
        Serve(Load(Scenario.Offline, Poisson, new LoadMinimums(10, 25))).Timelines.Should().HaveCount(110).And.OnlyContain(t => t.Arrival == 0);
        Serve(Load(Scenario.Offline, Poisson, new LoadMinimums(70, null))).Timelines.Should().HaveCount(70);
    }

    [Fact]
    public void Single_stream_goes_on_to_the_minimum_query_count_and_duration()
    {
        Serve(Load(Scenario.SingleStream, Poisson, new LoadMinimums(64, null))).Timelines.Should().HaveCount(64);
        var run = Serve(Load(Scenario.SingleStream, Poisson, new LoadMinimums(1, 20)));
        run.Timelines[^1].Arrival.Should().BeGreaterThanOrEqualTo(20);
        run.Timelines[^2].Arrival.Should().BeLessThan(20);
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers_in_every_scenario()
    {
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            var a = Serve(Load(scenario, Poisson)).Timelines.Select(t => (t.Arrival, t.End));
            var b = Serve(Load(scenario, Poisson)).Timelines.Select(t => (t.Arrival, t.End));
            a.Should().Equal(b, scenario.ToString());
        }
    }

    [Fact]
    public void A_generator_that_issues_in_the_past_is_a_bug_reported_loudly()
    {
        var backwards = new RequestListLoad([Req.Make(0, 4, 1, 5)]);
        var late = new Backdated(backwards);
        var act = () => Serve(late);
        act.Should().Throw<InvalidOperationException>().WithMessage("*before the loop's time*");
    }

    /// <summary>Counts queries issued and finished around another generator.</summary>
    private sealed class InFlightCounter(ILoadGenerator inner) : ILoadGenerator
    {
        public int Finished { get; private set; }

        public int MaxInFlight { get; private set; }

        public int Issued => inner.Issued;

        public int Expected => inner.Expected;

        public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
        {
            var issued = inner.TryNext(now, out request);
            if (issued) MaxInFlight = Math.Max(MaxInFlight, inner.Issued - Finished);
            return issued;
        }

        public void OnFinished(RequestTimeline timeline, double now)
        {
            Finished++;
            inner.OnFinished(timeline, now);
        }
    }

    /// <summary>Issues its first query at time 5, then a second one dated 1 s: a broken generator.</summary>
    private sealed class Backdated(ILoadGenerator inner) : ILoadGenerator
    {
        private bool _sent;

        public int Issued => inner.Issued + (_sent ? 1 : 0);

        public int Expected => 2;

        public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
        {
            if (inner.TryNext(now, out request)) return true;
            if (_sent || now < 5) return false;
            _sent = true;
            request = Req.Make(1, 4, 1, 1);
            return true;
        }

        public void OnFinished(RequestTimeline timeline, double now)
        {
        }
    }
}
