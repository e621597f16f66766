using System.Globalization;
using Pipeline.Plans.Tests;
using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class SummaryTextTests
{
    // Llama 2 7B at 20 req/s with mixed lengths: requests queue and batch, so the percentiles spread.
    private const string Simulated = """
        experiment simulated {
          model llama-2-7b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous  max_batch = 8 }
          workload { arrivals = poisson(rate: 20 req/s)  prompt = uniform(128 tok, 1024 tok)  output = uniform(16 tok, 128 tok)  requests = 40  seed = 11 }
          slo { ttft p99 <= 200 ms   tpot p99 <= 40 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 40  seed = 1 }
        }
        """;

    private static string HandBuiltSummary(IReadOnlyList<string>? invalidReasons = null) =>
        SummaryText.Render(HandBuilt.Result(invalidReasons), HandBuilt.Plan(), new RunIdentity(3, null, []));

    [Fact]
    public void Summary_states_the_hand_worked_throughput_and_ttft_tpot_percentiles_in_nanoseconds()
    {
        var text = HandBuiltSummary();

        // LoadGen's Server figures: the last query issued was done at 2 s; 4 completed less one over 2 s is 1.5
        // samples/s, 11 output tokens over 2 s 5.5 tokens/s.
        text.Should().Contain("Completed samples per second    : 1.50\n").And.Contain("Completed tokens per second: 5.50\n");
        // TTFTs 0.1..0.4 s: mean 0.25; p50 at rank 1.5 -> 0.25; p90 at rank 2.7 -> 0.37; p99 at rank 2.97 -> 0.397.
        text.Should().Contain("Min First Token latency (ns)              : 100000000\n")
            .And.Contain("Max First Token latency (ns)              : 400000000\n")
            .And.Contain("Mean First Token latency (ns)             : 250000000\n")
            .And.Contain("50.00 percentile first token latency (ns) : 250000000\n")
            .And.Contain("90.00 percentile first token latency (ns) : 370000000\n")
            .And.Contain("99.00 percentile first token latency (ns) : 397000000\n");
        // TPOTs sorted 0.05, 0.1, 0.1, 0.2: mean 0.1125; p99 at rank 2.97 -> 0.1 + 0.97 * 0.1 = 0.197.
        text.Should().Contain("Mean Time per Output Token (ns)            : 112500000\n")
            .And.Contain("99.00 percentile time to output token (ns) : 197000000\n");
        // Three requests meet both limits (request 2's TPOT of 200 ms does not) over 2 s.
        text.Should().Contain("Goodput (samples per second within every limit) : 1.50 (60.0% of samples)");
    }

    [Fact]
    public void Server_tokens_per_second_stop_at_the_end_of_the_last_query_issued_and_the_whole_runs_figure_is_beside_it()
    {
        var text = SummaryText.Render(HandBuilt.Result(timelines: HandBuilt.TimelinesWithALongFirstQuery()), HandBuilt.Plan(), new RunIdentity(3, null, []));

        // By hand: 12 output tokens; the last query issued (request 4) was done at 2 s, the run ends at 4 s when
        // request 0 decodes its last token. LoadGen: 12 / 2 = 6.00 tokens/s and (4 - 1) / 2 = 1.50 samples/s.
        text.Should().Contain("Completed samples per second    : 1.50\n")
            .And.Contain("Completed tokens per second: 6.00\n")
            .And.Contain("Completed tokens per second                 : 6.00\n")
            .And.Contain("Output tokens per second over the whole run : 3.00 (to the last completion)\n")
            .And.Contain("Duration (ns) : 4000000000\n");
    }

    [Fact]
    public void Summary_says_which_constraint_failed_and_lists_every_invalid_reason()
    {
        var text = HandBuiltSummary(["p99 TPOT 197 ms is over its 150 ms limit", "fewer than 24576 queries"]);

        text.Should().Contain("Result is : INVALID\n")
            .And.Contain("  Performance constraints satisfied : NO\n")
            // Limits are judged on LoadGen's nearest rank (the 4th of 4 values), not the interpolated p99 above.
            .And.Contain("  TTFT p99.0 400.000 ms <= 500.000 ms : Yes\n")
            .And.Contain("  TPOT p99.0 200.000 ms <= 150.000 ms : NO\n")
            .And.Contain("  Min queries satisfied : Yes\n")
            .And.Contain(" * p99 TPOT 197 ms is over its 150 ms limit\n * fewer than 24576 queries\n");
        HandBuiltSummary().Should().Contain("Result is : VALID\n");
    }

    [Fact]
    public void Summary_of_the_hand_built_run_matches_its_snapshot() => SnapshotGuard.Match(HandBuiltSummary(), "handbuilt");

    [Fact]
    public void Summary_of_a_small_simulated_run_matches_its_snapshot()
    {
        var plan = HandBuilt.Compile(Simulated).Runs.Single();
        var result = ExperimentRunner.Run(plan);
        result.Succeeded.Should().BeTrue();
        SnapshotGuard.Match(SummaryText.Render(result, plan, new RunIdentity(plan.Benchmark.Workload.Seed, null, [])), "simulated");
    }

    [Fact]
    public void Summary_does_not_depend_on_the_current_culture()
    {
        var invariant = HandBuiltSummary();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            HandBuiltSummary().Should().Be(invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
