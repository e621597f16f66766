using System.Globalization;
using System.Text;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner.Search;

namespace Pipeline.Runner.Tests;

/// <summary>
/// A peak search over a trace replays the same rows faster or slower: the oracle is the plain runner on the experiment
/// with the speed written into the trace call by hand.
/// </summary>
public sealed class TracePeakSearchTests : IDisposable
{
    private const int Rows = 400;
    private readonly string _folder = Directory.CreateTempSubdirectory().FullName;

    public TracePeakSearchTests()
    {
        // 400 rows a quarter second apart as recorded: 400 rows over 99.75 s, a mean of 4.01 req/s.
        var trace = new StringBuilder("arrival_time,prompt_tokens,output_tokens\n");
        for (var i = 0; i < Rows; i++) trace.Append(CultureInfo.InvariantCulture, $"{i * 0.25:0.00},{128 + i * 61 % 768},{16 + i * 7 % 48}\n");
        File.WriteAllText(Path.Combine(_folder, "day.csv"), trace.ToString());
    }

    private SourceText Experiment(string speed = "") => new(Path.Combine(_folder, "e.pipe"), $$"""
        experiment e {
          model llama-3.1-8b
          hardware { accelerator = l40s }
          batching { policy = continuous  max_batch = 16 }
          workload { arrivals = trace("day.csv"{{speed}})  seed = 3 }
          slo { ttft p90 <= 500 ms  tpot p90 <= 60 ms }
          benchmark { scenario = server  mode = simulate  search = peak_rate(tolerance: 3%) }
        }
        """);

    private RunResult RunAt(double speed)
    {
        var compiled = ExperimentCompiler.Compile(Experiment(", speed: " + speed.ToString("R", CultureInfo.InvariantCulture)));
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics));
        return ExperimentRunner.Run(compiled.Plan!, new RunOptions(KeepTimelines: false));
    }

    [Fact]
    public void The_peak_is_the_fastest_valid_replay_of_the_same_rows_starting_from_the_trace_as_written()
    {
        var source = Experiment();
        var plan = ExperimentCompiler.Compile(source).Plan!;
        var recorded = PeakRateSearch.StartRate(plan)!.Value;

        var search = PeakRateSearch.Find(plan, new ExperimentProbes(source));

        search.Found.Should().BeTrue(search.Failure);
        search.Probes[0].Rate.Should().Be(recorded, "the first probe is the trace as written");
        search.Probes.Should().OnlyContain(p => p.Result.Metrics.Completed == Rows, "every probe replays every row");
        var atPeak = RunAt(search.Peak!.Rate / recorded);
        var above = RunAt(search.LowestInvalid!.Value / recorded);
        atPeak.IsValid.Should().BeTrue(string.Join("; ", atPeak.InvalidReasons ?? []));
        above.IsValid.Should().BeFalse();
        atPeak.Metrics.Ttft.Mean.Should().Be(search.Peak.Result.Metrics.Ttft.Mean, "the probe and the hand-written replay are the same run");
        search.LowestInvalid.Should().BeLessThanOrEqualTo(search.Peak.Rate * 1.03);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
