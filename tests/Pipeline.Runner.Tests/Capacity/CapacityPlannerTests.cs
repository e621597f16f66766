using Pipeline.Runner.Capacity;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>
/// The planner end to end in simulate mode. The simulator is the oracle for the bound (it must never be below a
/// searched peak); the answer with pruning must equal the answer without it.
/// </summary>
public sealed class CapacityPlannerTests
{
    private static readonly Lazy<CapacityReport> Unpruned = new(() => CapacityPlanner.Run(CapacityTexts.PrefillHeavy(20), new CapacityOptions(Prune: false)));

    [Fact]
    public void The_roofline_bound_is_never_below_a_simulated_peak()
    {
        var searched = Unpruned.Value.Candidates.Where(c => c.PeakRate is not null).ToArray();
        searched.Should().HaveCountGreaterThanOrEqualTo(4);
        searched.Where(c => double.IsFinite(c.Bound)).Should().HaveCountGreaterThanOrEqualTo(3, "the bound must be finite to be tested");
        foreach (var c in searched)
        {
            c.Bound.Should().BeGreaterThanOrEqualTo(c.PeakRate!.Value, c.Label);
        }
    }

    [Fact]
    public void The_roofline_bound_of_a_disaggregated_candidate_is_its_prefill_pool_s_and_never_below_its_peak()
    {
        var report = CapacityPlanner.Run(CapacityTexts.Disaggregated, new CapacityOptions(Prune: false));
        report.Candidates.Select(c => c.Accelerators).Should().Equal(
            "prefill 1 x l40s + decode 1 x l40s", "prefill 1 x l40s + decode 1 x h200", "prefill 1 x h100-sxm + decode 1 x l40s", "prefill 1 x h100-sxm + decode 1 x h200");
        report.Candidates[0].Bound.Should().Be(report.Candidates[1].Bound, "the decode pool does not prefill");
        report.Candidates[2].Bound.Should().BeGreaterThan(report.Candidates[0].Bound);
        foreach (var c in report.Candidates.Where(c => c.PeakRate is not null))
        {
            c.Bound.Should().BeGreaterThanOrEqualTo(c.PeakRate!.Value, c.Label);
        }
        report.Candidates.Count(c => c.PeakRate is not null).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Pruning_drops_candidates_but_never_changes_the_answer_or_a_searched_peak()
    {
        var pruned = CapacityPlanner.Run(CapacityTexts.PrefillHeavy(20));
        var all = Unpruned.Value;
        pruned.Candidates.Should().Contain(c => c.Outcome == CandidateOutcome.Pruned);
        all.Candidates.Should().NotContain(c => c.Outcome == CandidateOutcome.Pruned);
        pruned.Cheapest.Should().NotBeNull();
        pruned.Cheapest!.Index.Should().Be(all.Cheapest!.Index);
        foreach (var c in pruned.Candidates.Where(c => c.Outcome == CandidateOutcome.Pruned))
        {
            all.Candidates[c.Index].MeetsTraffic.Should().BeFalse("a pruned candidate cannot meet the traffic: {0}", c.Label);
        }
        foreach (var c in pruned.Candidates.Where(c => c.Outcome == CandidateOutcome.Searched))
        {
            c.Should().Be(all.Candidates[c.Index]);
        }
    }

    [Fact]
    public void A_candidate_whose_prompts_need_more_flops_than_its_datasheet_peak_is_pruned_without_a_run()
    {
        // By hand: Llama 3.1 8B's GEMMs take 13.96 GFLOP per token; one L40S (362 TFLOPS fp16) prefills at most
        // 362e12 / 13.96e9 = 25,934 tokens/s, 12.7 prompts/s of 2048 tokens. 100 req/s of 2048-token prompts is
        // 8x that, so no TTFT limit of 400 ms can hold over a 150-query run.
        var text = new Core.Text.SourceText("hand.pipe", """
            experiment hand {
              model llama-3.1-8b
              hardware { accelerator = l40s }
              workload { arrivals = poisson(rate: 100 req/s)  prompt = fixed(2048 tok)  output = fixed(16 tok)  requests = 150  seed = 3 }
              slo { ttft p90 <= 400 ms }
              benchmark { scenario = server  mode = simulate  min_queries = 150 }
              capacity { hardware.tp = [1] }
            }
            """);
        var result = CapacityPlanner.Evaluate(text, 0);
        result.Outcome.Should().Be(CandidateOutcome.Pruned);
        result.Probes.Should().Be(0);
        result.Bound.Should().BeInRange(25934.0 / 2048 * 0.9, 25934.0 / 2048 * 1.5);
        result.UsdPerHour.Should().BeApproximately(2.25, 1e-9, "one L40S at $18.00/h per 8 GPUs");
    }

    [Fact]
    public void One_candidate_evaluated_alone_equals_its_row_in_the_whole_plan()
    {
        var alone = CapacityPlanner.Evaluate(CapacityTexts.PrefillHeavy(20), 5, new CapacityOptions(Prune: false));
        alone.Should().Be(Unpruned.Value.Candidates[5]);
        alone.Label.Should().Be("hardware.accelerator = h100-sxm, hardware.tp = 2");
        alone.Accelerators.Should().Be("2 x h100-sxm");
    }

    [Fact]
    public void A_declared_price_replaces_the_catalogue_price()
    {
        var text = CapacityTexts.PrefillHeavy(20, "accelerator l40s { price = 1 USD/h }");
        var result = CapacityPlanner.Evaluate(text, 1);
        result.Accelerators.Should().Be("2 x l40s");
        result.UsdPerHour.Should().Be(2);
    }

    [Fact]
    public void A_candidate_that_does_not_fit_is_infeasible_with_the_compiler_s_reason()
    {
        var text = new Core.Text.SourceText("fit.pipe", """
            experiment fit {
              model llama-2-70b
              hardware { accelerator = mi300x }
              workload { arrivals = poisson(rate: 1 req/s)  prompt = fixed(128 tok)  output = fixed(16 tok)  requests = 150 }
              slo { ttft p90 <= 1 s }
              benchmark { scenario = server  mode = simulate  min_queries = 150 }
              capacity { hardware.accelerator = [l40s] }
            }
            """);
        var result = CapacityPlanner.Evaluate(text, 0);
        result.Outcome.Should().Be(CandidateOutcome.Infeasible);
        result.Reason.Should().StartWith("PL0305 ");
        result.MeetsTraffic.Should().BeFalse();
    }

    [Fact]
    public void The_table_layout_matches_its_snapshot()
    {
        var report = CapacityPlanner.Run(CapacityTexts.Small);
        var writer = new StringWriter();
        CapacityTable.Write(report, writer);
        Plans.Tests.SnapshotGuard.Match(writer.ToString(), "small");
    }
}
