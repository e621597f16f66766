namespace Pipeline.Runner.Tests;

/// <summary>
/// The policy behaviours of the cost-model tests, on the real engine (fast CPU backend, small random models), proven
/// by what the scheduler put in each step, never by measured durations: every request arrives at once, so the steps'
/// composition does not depend on how fast the machine runs them. The latency each structure causes is asserted in
/// simulate mode (<c>CostModelBehaviourTests</c>); measured engine latencies are benchmarks.
/// </summary>
public sealed class ExecuteModeBehaviourTests
{
    private static readonly TestPlan Mid = EnginePlans.Tiny with
    {
        Model = EnginePlans.Mid,
        BlockSize = 16,
        KvBlocks = 4096,
        MaxBatchedTokens = 4096,
    };

    private static TestPlan WithTrace(TestPlan plan, IEnumerable<(int Prompt, int Output)> requests)
    {
        var trace = Path.Combine(Directory.CreateTempSubdirectory().FullName, "trace.csv");
        File.WriteAllLines(trace, requests.Select(r => FormattableString.Invariant($"0,{r.Prompt},{r.Output}")));
        return plan with { Workload = new WorkloadPlan(new TraceArrivals(trace), new FixedLength(1), new FixedLength(1), null, null, 1) };
    }

    /// <summary>The first step (worker step number) of each request <paramref name="which"/> selects.</summary>
    private static long[] FirstSteps(RunResult run, Func<RequestTimeline, bool> which) =>
        run.Timelines.Where(which).Select(t => t.Steps[0].Step).ToArray();

    /// <summary>The most prompt tokens that shared a step with a decode of a request <paramref name="which"/> selects.</summary>
    private static int MostPrefillBesideDecodes(RunResult run, Func<RequestTimeline, bool> which)
    {
        var prefill = run.Timelines.SelectMany(t => t.Steps).Where(s => s.Phase == SequencePhase.Prefill)
            .GroupBy(s => (s.Worker, s.Step)).ToDictionary(g => g.Key, g => g.Sum(s => s.Tokens));
        return run.Timelines.Where(which).SelectMany(t => t.Steps).Where(s => s.Phase == SequencePhase.Decode)
            .Select(s => prefill.GetValueOrDefault((s.Worker, s.Step))).DefaultIfEmpty().Max();
    }

    [Fact]
    public void Continuous_batching_starts_the_second_group_within_steps_where_static_waits_for_the_longest_request()
    {
        // Two groups of 8, max batch 8: one request of 600 output tokens and seven of 2 each. Static runs the first
        // group to completion: its long request takes its prefill step and 599 decode steps, so the second group's
        // first step is step 600. Continuous: the short ones finish at step 1 (prefill, one decode), seven of the second
        // group start at step 2, their short ones finish at step 3, and the last one starts at step 4.
        var group = Enumerable.Range(0, 8).Select(i => (Prompt: 8 + i, Output: i == 0 ? 600 : 2)).ToArray();
        var plan = WithTrace(Mid with { MaxBatch = 8 }, group.Concat(group));
        var continuous = ExperimentRunner.Run(plan.Experiment());
        var statik = ExperimentRunner.Run((plan with { Policy = BatchingPolicy.Static }).Experiment());
        bool SecondGroup(RequestTimeline t) => t.RequestId >= 8;

        (continuous.Metrics.Completed, statik.Metrics.Completed).Should().Be((16, 16));
        FirstSteps(statik, SecondGroup).Min().Should().Be(FirstSteps(statik, t => t.RequestId == 0).Single() + 600);
        FirstSteps(continuous, SecondGroup).Max().Should().Be(FirstSteps(continuous, t => t.RequestId == 0).Single() + 4);
    }

    /// <summary>
    /// Twelve short requests and six long prompts all arrive at once. With a budget of 1000 tokens per step, whole
    /// prefill admits one 768-token prompt per step, so long prefills land in the short requests' decode steps.
    /// Chunking (64 tokens per step, decodes included) spreads them thin.
    /// </summary>
    private static TestPlan LongPromptsAmongDecodes(TestPlan plan) => WithTrace(
        plan with { MaxBatch = 16, MaxBatchedTokens = 1000 },
        Enumerable.Repeat((16, 30), 12).Concat(Enumerable.Repeat((768, 2), 6)));

    private static bool Short(RequestTimeline t) => t.PromptTokens < 100;

    [Fact]
    public void Chunked_prefill_keeps_long_prompts_out_of_the_decode_steps_of_running_requests_on_the_engine()
    {
        var plan = LongPromptsAmongDecodes(Mid);
        var continuous = ExperimentRunner.Run(plan.Experiment());
        var chunked = ExperimentRunner.Run((plan with { Policy = BatchingPolicy.Chunked, MaxBatchedTokens = 64 }).Experiment());

        (continuous.Metrics.Completed, chunked.Metrics.Completed).Should().Be((18, 18));
        MostPrefillBesideDecodes(continuous, Short).Should().Be(768, "a whole long prompt shares a short request's decode step");
        MostPrefillBesideDecodes(chunked, Short).Should().BeLessThanOrEqualTo(64 - 1, "a step holds 64 tokens, one of them the decode");
    }

    [Fact]
    public void Disaggregated_decode_workers_run_no_prefill_beside_running_requests_on_the_engine()
    {
        var plan = LongPromptsAmongDecodes(Mid);
        var colocated = ExperimentRunner.Run((plan with { ColocatedWorkers = 2 }).Experiment());
        var disaggregated = ExperimentRunner.Run((plan with { PrefillWorkers = 1, DecodeWorkers = 1 }).Experiment());

        (colocated.Metrics.Completed, disaggregated.Metrics.Completed).Should().Be((18, 18));
        MostPrefillBesideDecodes(colocated, Short).Should().Be(768);
        MostPrefillBesideDecodes(disaggregated, Short).Should().Be(0, "the decode worker only decodes");
    }
}
