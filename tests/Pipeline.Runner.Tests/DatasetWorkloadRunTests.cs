using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Tests;

/// <summary>A prompt dataset's rows travel in the compiled plan: a run encodes what the compiler read, not the file.</summary>
public sealed class DatasetWorkloadRunTests
{
    private const string Prompts = "{\"prompt\": \"hi\", \"output_tokens\": 3}\n{\"prompt\": \"a longer prompt about serving\", \"output_tokens\": 5}\n"
        + "{\"prompt\": \"the longest prompt of the three, about disaggregated prefill and decode\", \"output_tokens\": 2}\n";

    private static ExperimentPlan Compile(string folder, Func<string, string?>? readFile)
    {
        var text = "experiment t {\n  model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f16 }\n"
            + "  hardware { accelerator = h100-sxm }\n  workload { arrivals = poisson(rate: 5 req/s)  prompt = dataset(\"prompts.jsonl\")  requests = 6  seed = 3 }\n"
            + "  benchmark { scenario = server  mode = simulate }\n}\n";
        var result = ExperimentCompiler.Compile(new SourceText(Path.Combine(folder, "t.pipe"), text), readFile);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Plan!;
    }

    [Fact]
    public void A_run_replays_the_dataset_rows_the_compiler_was_given_with_no_file_on_disk()
    {
        var onDisk = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(onDisk, "prompts.jsonl"), Prompts);
        var fromDisk = ExperimentRunner.Run(Compile(onDisk, readFile: null));
        var nowhere = Path.Combine(Path.GetTempPath(), "pipeline-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var given = ExperimentRunner.Run(Compile(nowhere, path => path == Path.Combine(nowhere, "prompts.jsonl") ? Prompts : null));

        Directory.Exists(nowhere).Should().BeFalse();
        given.Diagnostics.Where(d => d.IsError).Should().BeEmpty();
        var requests = given.Timelines.Select(t => (t.Arrival, t.PromptTokens, t.MaxOutputTokens)).ToArray();
        requests.Should().Equal(fromDisk.Timelines.Select(t => (t.Arrival, t.PromptTokens, t.MaxOutputTokens)));
        requests.Select(r => r.MaxOutputTokens).Should().Equal(3, 5, 2, 3, 5, 2);
        requests.Select(r => r.PromptTokens).Distinct().Should().HaveCount(3, "each row keeps its own prompt");
    }
}
