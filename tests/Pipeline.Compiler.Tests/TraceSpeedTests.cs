using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Tests;

/// <summary>A trace's replay speed: written, swept, and set from a rate (a peak search's or capacity plan's probe).</summary>
public sealed class TraceSpeedTests : IDisposable
{
    // Four rows over 1.5 s: a mean rate of 4 / 1.5 = 2.667 req/s as recorded.
    private readonly string _folder = Directory.CreateTempSubdirectory().FullName;

    public TraceSpeedTests() => File.WriteAllText(Path.Combine(_folder, "t.csv"), "arrival_time,prompt_tokens,output_tokens\n0,16,8\n0.5,16,8\n1,32,4\n1.5,16,8\n");

    private SourceText Experiment(string arrivals, string extra = "") => new(Path.Combine(_folder, "e.pipe"), $$"""
        experiment e {
          model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
          hardware { accelerator = h100-sxm }
          workload { arrivals = {{arrivals}} }
          slo { ttft p99 <= 2 s }
          benchmark { scenario = server  mode = simulate }
          {{extra}}
        }
        """);

    private static TraceArrivals Trace(CompilationResult compiled)
    {
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics));
        return compiled.Plan!.Benchmark.Workload.Arrivals.Should().BeOfType<TraceArrivals>().Subject;
    }

    [Fact]
    public void A_written_speed_is_the_plans_and_multiplies_the_traces_mean_rate()
    {
        var recorded = Trace(ExperimentCompiler.Compile(Experiment("trace(\"t.csv\")")));
        var faster = Trace(ExperimentCompiler.Compile(Experiment("trace(\"t.csv\", speed: 3)")));

        (recorded.Speed, faster.Speed).Should().Be((1, 3));
        recorded.MeanRate.Should().BeApproximately(4 / 1.5, 1e-12);
        faster.MeanRate.Should().BeApproximately(3 * 4 / 1.5, 1e-12);
    }

    [Fact]
    public void A_rate_given_to_a_trace_sets_the_speed_whose_mean_rate_it_is()
    {
        // 8 req/s from a trace whose recorded mean is 2.667 req/s is a speed of 3; written at speed 2 (5.333 req/s), also 3.
        var fromRecorded = Trace(ExperimentCompiler.CompileCell(Experiment("trace(\"t.csv\")"), [new("workload.arrivals.rate", 8)]));
        var fromWritten = Trace(ExperimentCompiler.CompileCell(Experiment("trace(\"t.csv\", speed: 2)"), [new("workload.arrivals.rate", 8)]));

        fromRecorded.Speed.Should().BeApproximately(3, 1e-12);
        fromWritten.Speed.Should().BeApproximately(3, 1e-12);
        fromRecorded.MeanRate.Should().BeApproximately(8, 1e-12);
    }

    [Fact]
    public void The_speed_is_a_sweepable_setting()
    {
        var compiled = ExperimentCompiler.Compile(Experiment("trace(\"t.csv\")", "sweep { workload.arrivals.speed = [0.5, 2] }"));

        compiled.Runs.Select(r => ((TraceArrivals)r.Benchmark.Workload.Arrivals).Speed).Should().Equal(0.5, 2);
    }

    [Theory]
    [InlineData("speed: 0", "PL0206")]
    [InlineData("speed: -2", "PL0206")]
    [InlineData("speed: 2 req/s", "PL0203")]
    [InlineData("pace: 2", "PL0113")]
    public void A_speed_that_is_not_a_plain_positive_number_is_an_error_at_it(string argument, string code)
    {
        var text = Experiment($"trace(\"t.csv\", {argument})");

        var error = ExperimentCompiler.Compile(text).Errors.Should().ContainSingle().Subject;

        error.Code.Should().Be(code);
        argument.Should().Contain(text.Content.Substring(error.Span.Start, error.Span.Length), "the error points into the argument");
    }

    [Fact]
    public void A_peak_search_over_a_trace_compiles_and_over_a_trace_whose_rows_arrive_at_once_it_is_PL0422()
    {
        File.WriteAllText(Path.Combine(_folder, "burst.csv"), "0,16,8\n0,16,8\n");
        var search = "benchmark { scenario = server  mode = simulate  search = peak_rate(tolerance: 5%) }";

        var searched = ExperimentCompiler.Compile(new SourceText(Path.Combine(_folder, "e.pipe"),
            Experiment("trace(\"t.csv\")").Content.Replace("benchmark { scenario = server  mode = simulate }", search, StringComparison.Ordinal)));
        var burst = ExperimentCompiler.Compile(new SourceText(Path.Combine(_folder, "e.pipe"),
            Experiment("trace(\"burst.csv\")").Content.Replace("benchmark { scenario = server  mode = simulate }", search, StringComparison.Ordinal)));

        searched.Success.Should().BeTrue(string.Join("\n", searched.Diagnostics));
        searched.Plan!.Benchmark.Search.Should().NotBeNull();
        burst.Errors.Should().ContainSingle().Which.Message.Should().Contain("every row of the trace arrives at the same time");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
