using System.Text.Json;

namespace Pipeline.Cli.Tests;

public sealed class GenerateTests
{
    private static readonly string Quickstart = CliRun.Example("quickstart.pipe");

    [Fact]
    public void Greedy_generation_is_deterministic_and_reports_tokens_argmax_and_timings_as_json()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "logits.f32");
        var first = CliRun.Of("generate", "--experiment", Quickstart, "--prompt-tokens", "1,2,3,4", "--max-tokens", "6", "--json", "--dump-logits", path);
        var second = CliRun.Of("generate", "--experiment", Quickstart, "--prompt-tokens", "1,2,3,4", "--max-tokens", "6", "--json");

        first.ExitCode.Should().Be(ExitCodes.Ok, first.Error);
        using var json = JsonDocument.Parse(first.Out);
        var tokens = json.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        var argmax = json.RootElement.GetProperty("argmax").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        // The oracle is the dumped logits, maximised here, not the engine's own argmax.
        var expected = ArgMaxRows(File.ReadAllBytes(path), vocab: 256);
        tokens.Should().HaveCount(6).And.Equal(expected, "greedy sampling picks the largest logit");
        argmax.Should().Equal(expected, "argmax reports the largest logit of each step");
        json.RootElement.GetProperty("prefill_seconds").GetDouble().Should().BeGreaterThan(0);
        json.RootElement.GetProperty("device").GetString().Should().NotBeNullOrEmpty();
        using var again = JsonDocument.Parse(second.Out);
        again.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).Should().Equal(tokens);
    }

    private static int[] ArgMaxRows(byte[] bytes, int vocab)
    {
        var rows = new int[bytes.Length / (vocab * sizeof(float))];
        for (var step = 0; step < rows.Length; step++)
        {
            var row = new float[vocab];
            Buffer.BlockCopy(bytes, step * vocab * sizeof(float), row, 0, vocab * sizeof(float));
            rows[step] = Array.IndexOf(row, row.Max());
        }
        return rows;
    }

    [Fact]
    public void Dumped_logits_hold_one_float32_row_per_generated_token_whose_argmax_is_the_token()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "logits.f32");

        var run = CliRun.Of("generate", "--experiment", Quickstart, "--prompt-tokens", "5,6", "--max-tokens", "3", "--greedy", "--dump-logits", path);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        var tokens = run.Out.Split('\n')[0].Split(',').Select(int.Parse).ToArray();
        var bytes = File.ReadAllBytes(path);
        const int vocab = 256;
        bytes.Length.Should().Be(3 * vocab * sizeof(float));
        for (var step = 0; step < 3; step++)
        {
            var row = new float[vocab];
            Buffer.BlockCopy(bytes, step * vocab * sizeof(float), row, 0, vocab * sizeof(float));
            Array.IndexOf(row, row.Max()).Should().Be(tokens[step]);
        }
    }

    [Fact]
    public void Sampling_with_a_seed_is_reproducible()
    {
        string[] args = ["generate", "--experiment", Quickstart, "--prompt-tokens", "9", "--max-tokens", "8", "--temperature", "1.5", "--top-k", "40", "--seed", "11"];

        CliRun.Of(args).Out.Split('\n')[0].Should().Be(CliRun.Of(args).Out.Split('\n')[0]);
    }

    [Theory]
    [InlineData("--prompt-tokens", "1,x")]
    [InlineData("--prompt-tokens", "999999")]
    [InlineData("--max-tokens", "0")]
    [InlineData("--temperature", "-1")]
    [InlineData("--temperature", "NaN")] // sampled one repeated token before
    [InlineData("--temperature", "Infinity")]
    [InlineData("--top-p", "NaN")] // was ignored
    [InlineData("--seed", "-3")]
    [InlineData("--backend", "tpu")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        string[] args = option == "--prompt-tokens"
            ? ["generate", "--experiment", Quickstart, option, value]
            : ["generate", "--experiment", Quickstart, "--prompt-tokens", "1", option, value];

        var run = CliRun.Of(args);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().StartWith("error:");
    }

    [Fact]
    public void Exactly_one_model_source_is_required()
    {
        CliRun.Of("generate", "--prompt-tokens", "1").ExitCode.Should().Be(ExitCodes.Usage);
        CliRun.Of("generate", "--model", Quickstart, "--experiment", Quickstart, "--prompt-tokens", "1").ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public void A_corrupt_gguf_file_is_a_clear_error_not_a_crash()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("bad.gguf", "GGUF but not really a model file");

        var run = CliRun.Of("generate", "--model", path, "--prompt-tokens", "1");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().StartWith("error:").And.NotContain("internal error").And.Contain(path, "the message names the file");
    }
}
