using System.Globalization;
using System.Text;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner.Capacity;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>
/// A trace as a capacity plan's traffic: each candidate's peak is searched by replaying the trace faster or slower
/// (its mean rate at each speed), and it meets the trace exactly when the replay as recorded, the search's first
/// probe, is VALID. The oracle is the plain runner on the experiment rewritten by hand with each candidate's
/// accelerator and, for the peak, the speed written into the trace call.
/// </summary>
public sealed class CapacityTraceTests : IDisposable
{
    private const int Rows = 300;
    private const double Rate = 6; // rows are 1/6 s apart: the last arrives at 299 / 6 s, written with four decimals
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pipeline-capacity-trace-" + Guid.NewGuid().ToString("N"));

    public CapacityTraceTests()
    {
        Directory.CreateDirectory(_folder);
        var trace = new StringBuilder("arrival_time,prompt_tokens,output_tokens\n");
        for (var i = 0; i < Rows; i++)
        {
            trace.Append(CultureInfo.InvariantCulture, $"{i / Rate:0.0000},{256 + i * 37 % 512},{32 + i * 13 % 64}\n");
        }
        File.WriteAllText(Path.Combine(_folder, "day.csv"), trace.ToString());
    }

    private RunResult RunAlone(string accelerator, double speed = 1)
    {
        var alone = ExperimentCompiler.Compile(Experiment("", accelerator, speed));
        alone.Success.Should().BeTrue(string.Join("\n", alone.Diagnostics));
        return ExperimentRunner.Run(alone.Plan!, new RunOptions(KeepTimelines: false));
    }

    [Fact]
    public void Each_candidate_searches_the_traces_peak_speed_and_meets_the_trace_exactly_when_its_recorded_replay_is_valid()
    {
        var report = CapacityPlanner.Run(Experiment("capacity { hardware.accelerator = [l40s, h100-sxm] }"));

        report.Candidates.Should().HaveCount(2).And.OnlyContain(c => c.Outcome == CandidateOutcome.Searched && c.Probes > 1);
        foreach (var (candidate, accelerator) in report.Candidates.Zip(new[] { "l40s", "h100-sxm" }))
        {
            candidate.MeetsTraffic.Should().Be(RunAlone(accelerator).IsValid, accelerator);
            // The peak is the trace replayed at peak / traffic times its recorded pace, written out by hand.
            var atPeak = RunAlone(accelerator, candidate.PeakRate!.Value / report.Traffic);
            atPeak.IsValid.Should().BeTrue(accelerator);
            candidate.Goodput.Should().Be(atPeak.Metrics.Goodput, accelerator);
            candidate.OutputTokensPerSecond.Should().Be(atPeak.Metrics.CompletedOutputThroughput, accelerator, "LoadGen's count, up to the last query issued");
            (candidate.PeakRate >= report.Traffic).Should().Be(candidate.MeetsTraffic, accelerator);
            // The roofline bound holds for a trace too (its probes scale arrival times by 1 / R): finite, and no peak above it.
            double.IsFinite(candidate.Bound).Should().BeTrue(accelerator);
            candidate.PeakRate.Should().BeLessThanOrEqualTo(candidate.Bound, accelerator);
        }
        // Not vacuous: the cheaper L40S misses the trace's TPOT limit as recorded, the H100 meets it, so it is the answer.
        report.Candidates.Select(c => c.MeetsTraffic).Should().Equal(false, true);
        report.Candidates[0].PeakRate.Should().BeLessThan(report.Traffic);
        report.Cheapest!.Index.Should().Be(1);
        CapacityTable.Answer(report).Should().StartWith("cheapest that meets the trace: #1 hardware.accelerator = h100-sxm (1 x h100-sxm), ");
        report.ParetoFront.Select(c => c.Index).Should().Equal([0, 1], "ranked by peak: the L40S is cheaper, the H100 higher");
    }

    [Fact]
    public void The_traffic_of_a_trace_is_its_rows_over_its_last_arrival_and_the_table_names_the_trace()
    {
        var report = CapacityPlanner.Run(Experiment("capacity { hardware.accelerator = [h100-sxm] }"));

        // 300 rows, the last at 299 / 6 = 49.8333 s as written: 300 / 49.8333 = 6.0201 req/s.
        report.Traffic.Should().BeApproximately(300 / 49.8333, 1e-9);
        report.Trace.Should().Be("trace(\"day.csv\"), 300 rows over 49.833 s");
        var table = new StringWriter();
        CapacityTable.Write(report, table);
        table.ToString().Split('\n')[0].Should().Be(
            "capacity plan `traced`: traffic trace(\"day.csv\"), 300 rows over 49.833 s (mean 6.02 req/s), peaks searched by replaying it faster or slower, seed 7");
    }

    [Fact]
    public void Arrivals_that_are_neither_poisson_nor_a_trace_are_still_refused()
    {
        var text = Experiment("capacity { hardware.accelerator = [h100-sxm] }").Content
            .Replace("trace(\"day.csv\")", "interval(period: 100 ms)", StringComparison.Ordinal);

        var compiled = ExperimentCompiler.Compile(new SourceText(Path.Combine(_folder, "interval.pipe"), text));

        compiled.Errors.Should().ContainSingle(d => d.Code == "PL0422")
            .Which.Message.Should().Contain("neither Poisson nor a trace");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SourceText Experiment(string capacity, string accelerator = "h100-sxm", double speed = 1) => new(Path.Combine(_folder, "traced.pipe"), $$"""
        experiment traced {
          model llama-3.1-8b
          hardware { accelerator = {{accelerator}} }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = trace("day.csv"{{(speed == 1 ? "" : ", speed: " + speed.ToString("R", CultureInfo.InvariantCulture))}})  seed = 7 }
          slo { ttft p90 <= 300 ms  tpot p90 <= 30 ms }
          benchmark { scenario = server  mode = simulate }
          {{capacity}}
        }
        """);
}
