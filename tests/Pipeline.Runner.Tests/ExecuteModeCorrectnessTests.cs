namespace Pipeline.Runner.Tests;

/// <summary>
/// Execute mode on the real engine: scheduling decisions (batching, chunking, preemption, disaggregation) must never
/// change what greedy decoding produces, and every request is accounted for.
/// </summary>
public sealed class ExecuteModeCorrectnessTests
{
    private static readonly RunResult Reference = ExperimentRunner.Run(EnginePlans.Tiny.Experiment());

    [Fact]
    public void Execute_mode_completes_every_request_with_measured_steps()
    {
        Reference.Succeeded.Should().BeTrue();
        Reference.Mode.Should().Be(BenchmarkMode.Execute);
        Reference.Metrics.Completed.Should().Be(24);
        Reference.Metrics.Preemptions.Should().Be(0);
        Reference.Device.Should().NotContain("cost-model");
        Reference.Timelines.Should().OnlyContain(t => t.OutputTokens.Count == t.MaxOutputTokens && t.Steps.All(s => s.End > s.Start));
        Reference.Timelines.SelectMany(t => t.OutputTokens).Distinct().Count().Should().BeGreaterThan(10, "random weights still give varied tokens");
    }

    [Fact]
    public void A_model_whose_context_is_shorter_than_the_warm_up_prompts_still_runs()
    {
        // The warm-up's prompts (4 and 64 tokens) are cut to the model's context: a 2-token model once ended in an
        // internal error before its first request.
        var plan = EnginePlans.Tiny with
        {
            Model = EnginePlans.Tiny.Model with { ContextLength = 2 },
            Workload = new WorkloadPlan(new AllAtOnceArrivals(), new FixedLength(1), new FixedLength(1), 4, null, 1),
        };

        var run = ExperimentRunner.Run(plan.Experiment());

        run.Succeeded.Should().BeTrue(string.Join("; ", run.Diagnostics.Select(d => d.Message)));
        run.Metrics.Completed.Should().Be(4);
    }

    [Theory]
    [InlineData(BatchingPolicy.Continuous, PreemptionMode.Recompute)]
    [InlineData(BatchingPolicy.Continuous, PreemptionMode.Swap)]
    [InlineData(BatchingPolicy.Chunked, PreemptionMode.Recompute)]
    [InlineData(BatchingPolicy.Chunked, PreemptionMode.Swap)]
    [InlineData(BatchingPolicy.Static, PreemptionMode.Recompute)]
    public void Under_overload_preempted_requests_finish_with_the_same_greedy_tokens_and_none_is_lost(BatchingPolicy policy, PreemptionMode mode)
    {
        // All at once, so the pressure on the 12-block cache does not depend on how fast steps run; the arrival stream
        // is independent of the lengths and prompt tokens, so the requests are the reference's.
        var burst = EnginePlans.Tiny.Workload with { Arrivals = new AllAtOnceArrivals() };
        var plan = EnginePlans.Tiny with
        {
            KvBlocks = 12,
            Policy = policy,
            Preemption = mode,
            Workload = burst,
            MaxBatchedTokens = policy == BatchingPolicy.Chunked ? 16 : 1024,
        };
        var tight = ExperimentRunner.Run(plan.Experiment());
        if (policy != BatchingPolicy.Static)
        {
            tight.Metrics.Preemptions.Should().BePositive();
        }
        (tight.Metrics.Completed + tight.Metrics.Rejected).Should().Be(24);
        tight.Metrics.Completed.Should().Be(24);
        EnginePlans.Tokens(tight).Should().BeEquivalentTo(EnginePlans.Tokens(Reference), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Chunked_prefill_gives_the_same_tokens_as_whole_prefill()
    {
        var chunked = ExperimentRunner.Run((EnginePlans.Tiny with { Policy = BatchingPolicy.Chunked, MaxBatchedTokens = 16 }).Experiment());
        EnginePlans.Tokens(chunked).Should().BeEquivalentTo(EnginePlans.Tokens(Reference), o => o.WithStrictOrdering());
        chunked.Timelines.Should().Contain(t => t.Steps.Count(s => s.Phase == SequencePhase.Prefill) > 1, "long prompts were split");
    }

    [Fact]
    public void Disaggregated_decoding_continues_from_the_transferred_kv_with_the_same_tokens()
    {
        var disaggregated = ExperimentRunner.Run((EnginePlans.Tiny with { PrefillWorkers = 1, DecodeWorkers = 2 }).Experiment());
        disaggregated.Metrics.Completed.Should().Be(24);
        disaggregated.Timelines.Where(t => t.MaxOutputTokens > 1).Should().OnlyContain(t => t.KvTransferEnd > t.KvTransferStart);
        EnginePlans.Tokens(disaggregated).Should().BeEquivalentTo(EnginePlans.Tokens(Reference), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Static_batching_gives_the_same_tokens_and_accounts_for_everything()
    {
        var statik = ExperimentRunner.Run((EnginePlans.Tiny with { Policy = BatchingPolicy.Static, MaxBatch = 4 }).Experiment());
        (statik.Metrics.Completed + statik.Metrics.Rejected).Should().Be(24);
        EnginePlans.Tokens(statik).Should().BeEquivalentTo(EnginePlans.Tokens(Reference), o => o.WithStrictOrdering());
    }
}
