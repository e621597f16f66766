using System.Globalization;
using System.Text;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner.Capacity;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>
/// A trace as a capacity plan's traffic: each candidate replays it once, as recorded, and meets it when that run is
/// VALID. The oracle is the plain runner on the experiment rewritten by hand with each candidate's accelerator.
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

    [Fact]
    public void Each_candidate_replays_the_trace_once_and_meets_it_exactly_when_that_run_is_valid()
    {
        var report = CapacityPlanner.Run(Experiment("capacity { hardware.accelerator = [l40s, h100-sxm] }"));

        report.Candidates.Should().HaveCount(2).And.OnlyContain(c => c.Outcome == CandidateOutcome.Replayed && c.Probes == 1 && c.PeakRate == null);
        foreach (var (candidate, accelerator) in report.Candidates.Zip(new[] { "l40s", "h100-sxm" }))
        {
            var alone = ExperimentCompiler.Compile(Experiment("", accelerator));
            alone.Success.Should().BeTrue(string.Join("\n", alone.Diagnostics));
            var run = ExperimentRunner.Run(alone.Plan!, new RunOptions(KeepTimelines: false));
            candidate.MeetsTraffic.Should().Be(run.IsValid, accelerator);
            candidate.Goodput.Should().Be(run.Metrics.Goodput, accelerator);
            candidate.OutputTokensPerSecond.Should().Be(run.Metrics.OutputThroughput, accelerator);
        }
        // Not vacuous: the cheaper L40S misses the trace's TPOT limit, the H100 meets it, so it is the answer.
        report.Candidates.Select(c => c.MeetsTraffic).Should().Equal(false, true);
        report.Candidates[0].Reason.Should().StartWith("INVALID on the trace: p90 TPOT is");
        report.Cheapest!.Index.Should().Be(1);
        CapacityTable.Answer(report).Should().StartWith("cheapest that meets the trace: #1 hardware.accelerator = h100-sxm (1 x h100-sxm), ");
        report.ParetoFront.Select(c => c.Index).Should().Equal([0, 1], "ranked by goodput on the trace: the L40S is cheaper, the H100 higher");
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
            "capacity plan `traced`: traffic trace(\"day.csv\"), 300 rows over 49.833 s (mean 6.02 req/s), replayed as recorded, seed 7");
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

    private SourceText Experiment(string capacity, string accelerator = "h100-sxm") => new(Path.Combine(_folder, "traced.pipe"), $$"""
        experiment traced {
          model llama-3.1-8b
          hardware { accelerator = {{accelerator}} }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = trace("day.csv")  seed = 7 }
          slo { ttft p90 <= 300 ms  tpot p90 <= 30 ms }
          benchmark { scenario = server  mode = simulate }
          {{capacity}}
        }
        """);
}
