using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Tests;

/// <summary>A trace workload replays its rows: the request count and the minimum query count come from the file.</summary>
public sealed class TraceWorkloadRunTests
{
    private static ExperimentPlan Compile(string benchmark)
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "three.csv"), "arrival_time,prompt_tokens,output_tokens\n0,32,8\n0.5,64,4\n1.25,16,16\n");
        var text = "experiment t {\n  model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f16 }\n"
            + "  hardware { accelerator = h100-sxm }\n  workload { arrivals = trace(\"three.csv\") }\n"
            + $"  benchmark {{ scenario = server  mode = simulate  {benchmark} }}\n}}\n";
        var result = ExperimentCompiler.Compile(new SourceText(Path.Combine(directory, "t.pipe"), text), _ => null);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Plan!;
    }

    [Fact]
    public void A_valid_three_row_trace_run_is_valid_with_three_queries()
    {
        var plan = Compile(string.Empty);
        plan.Benchmark.Workload.Requests.Should().Be(3);
        plan.Benchmark.MinQueryCount.Should().Be(3);

        var result = ExperimentRunner.Run(plan);

        result.Metrics.Completed.Should().Be(3);
        result.Verdict!.IsValid.Should().BeTrue(string.Join("; ", result.Verdict.Reasons));
    }

    [Fact]
    public void Asking_for_more_queries_than_the_trace_has_makes_the_run_invalid()
    {
        var result = ExperimentRunner.Run(Compile("min_queries = 4"));

        result.Metrics.Completed.Should().Be(3);
        result.Verdict!.IsValid.Should().BeFalse();
        result.Verdict.MinQueriesMet.Should().BeFalse();
    }
}
