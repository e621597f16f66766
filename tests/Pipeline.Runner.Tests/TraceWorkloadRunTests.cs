using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Tests;

/// <summary>A trace workload replays its rows: the request count and the minimum query count come from the file.</summary>
public sealed class TraceWorkloadRunTests
{
    private const string Three = "arrival_time,prompt_tokens,output_tokens\n0,32,8\n0.5,64,4\n1.25,16,16\n";

    private static ExperimentPlan Compile(string benchmark)
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "three.csv"), Three);
        return Compile(Path.Combine(directory, "t.pipe"), benchmark, readFile: null);
    }

    private static ExperimentPlan Compile(string path, string benchmark, Func<string, string?>? readFile)
    {
        var text = "experiment t {\n  model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f16 }\n"
            + "  hardware { accelerator = h100-sxm }\n  workload { arrivals = trace(\"three.csv\") }\n"
            + $"  benchmark {{ scenario = server  mode = simulate  {benchmark} }}\n}}\n";
        var result = ExperimentCompiler.Compile(new SourceText(path, text), readFile);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Plan!;
    }

    [Fact]
    public void A_run_replays_the_rows_the_compiler_was_given_and_never_reads_the_file_again()
    {
        // No such folder exists: the trace's text comes from the reader (as a cell carries it to another machine).
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var plan = Compile(Path.Combine(folder, "t.pipe"), string.Empty, path => path == Path.Combine(folder, "three.csv") ? Three : null);
        Directory.Exists(folder).Should().BeFalse();

        var result = ExperimentRunner.Run(plan);

        result.Diagnostics.Where(d => d.IsError).Should().BeEmpty();
        result.Timelines.Select(t => (t.Arrival, t.PromptTokens, t.MaxOutputTokens)).Should().Equal((0.0, 32, 8), (0.5, 64, 4), (1.25, 16, 16));
    }

    [Fact]
    public void A_trace_changed_after_compiling_does_not_change_the_run()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var trace = Path.Combine(directory, "three.csv");
        File.WriteAllText(trace, Three);
        var plan = Compile(Path.Combine(directory, "t.pipe"), string.Empty, readFile: null);
        File.WriteAllText(trace, "arrival_time,prompt_tokens,output_tokens\n0,1,1\n");

        ExperimentRunner.Run(plan).Timelines.Select(t => t.PromptTokens).Should().Equal(32, 64, 16);
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
