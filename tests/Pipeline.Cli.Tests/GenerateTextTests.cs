using System.Text;
using System.Text.Json;
using Pipeline.Engine.Tests.Conformance;
using Pipeline.Engine.Tests.Tokenization;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>generate --prompt</c> end to end on small GGUF files the tests write (random weights, learnt vocabularies):
/// llama.cpp (LLamaSharp) is the oracle for the prompt's ids, the greedy continuation and the text.
/// </summary>
public sealed class GenerateTextTests
{
    private const string Llama3Template = "{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n{{ message['content'] }}<|eot_id|>{% endfor %}";

    [Theory]
    [InlineData("spm")]
    [InlineData("bpe")]
    public void Text_in_gives_llama_cpp_s_prompt_ids_greedy_ids_and_text(string style)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, style + ".gguf");
        TestVocabularies.WriteModel(path, style == "spm" ? TestVocabularies.Spm() : TestVocabularies.Bpe(), seed: 21);
        const string prompt = "The quick brown fox, café 你好 😀";

        var run = CliRun.Of("generate", "--model", path, "--prompt", prompt, "--max-tokens", "16", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var promptIds = json.RootElement.GetProperty("prompt_token_ids").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        var tokens = json.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        using (var tokenizer = new LlamaCppTokenizer(path))
        {
            promptIds.Should().Equal(tokenizer.Tokenize(prompt, addSpecial: true, parseSpecial: true));
            json.RootElement.GetProperty("text").GetString().Should().Be(Encoding.UTF8.GetString(tokenizer.Detokenize(tokens, false, false)));
        }
        using var reference = new LlamaCppReference(path, 128);
        tokens.Should().Equal(reference.Greedy(promptIds, tokens.Length));
    }

    [Fact]
    public void Streamed_text_is_the_pieces_of_the_generated_tokens_up_to_the_end_of_generation()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "spm.gguf");
        TestVocabularies.WriteModel(path, TestVocabularies.Spm(), seed: 3);
        string[] args = ["generate", "--model", path, "--prompt", "Hello world", "--max-tokens", "12"];

        var streamed = CliRun.Of(args);
        var json = CliRun.Of([.. args, "--json"]);

        streamed.ExitCode.Should().Be(ExitCodes.Ok, streamed.Error);
        var tokens = JsonDocument.Parse(json.Out).RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        using var tokenizer = new LlamaCppTokenizer(path);
        var pieces = tokens.TakeWhile(t => t != 2).SelectMany(t => tokenizer.Piece(t, special: false)).ToArray(); // 2 is </s>
        streamed.Out.Should().Be(Encoding.UTF8.GetString(pieces) + Environment.NewLine);
        streamed.Error.Should().Contain("decode");
    }

    [Fact]
    public void Generation_stops_at_the_first_end_of_generation_token()
    {
        // A zero output matrix makes every logit 0, so greedy picks id 0 at every step; this vocabulary names id 0 EOS.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "eos.gguf");
        var vocabulary = TestVocabularies.Spm() with { Eos = 0 };
        var architecture = new Pipeline.Plans.ModelArchitecture(1, 32, 2, 2, 64, vocabulary.Tokens.Count, 128, 10000, 1e-5, Pipeline.Plans.DType.F32);
        var weights = Pipeline.Engine.RandomWeightsGenerator.Generate(architecture, seed: 1);
        weights = weights with { Output = Pipeline.Kernels.HostMatrix.FromFloats(architecture.Vocab, architecture.Hidden, new float[architecture.Vocab * architecture.Hidden]) };
        Pipeline.Engine.GgufWriter.Write(path, weights, tokenizer: vocabulary);

        var streamed = CliRun.Of("generate", "--model", path, "--prompt", "Hello", "--max-tokens", "8");
        var json = CliRun.Of("generate", "--model", path, "--prompt", "Hello", "--max-tokens", "8", "--json");

        streamed.ExitCode.Should().Be(ExitCodes.Ok, streamed.Error);
        streamed.Out.Should().Be(Environment.NewLine);
        JsonDocument.Parse(json.Out).RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).Should().Equal(0);
    }

    [Fact]
    public void A_llama_3_chat_template_wraps_the_prompt_in_its_headers()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "chat.gguf");
        TestVocabularies.WriteModel(path, TestVocabularies.Bpe(chatTemplate: Llama3Template));

        var run = CliRun.Of("generate", "--model", path, "--prompt", "hello there", "--max-tokens", "2", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        var promptIds = JsonDocument.Parse(run.Out).RootElement.GetProperty("prompt_token_ids").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        using var tokenizer = new LlamaCppTokenizer(path);
        const string rendered = "<|start_header_id|>user<|end_header_id|>\n\nhello there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
        promptIds.Should().Equal(tokenizer.Tokenize(rendered, addSpecial: true, parseSpecial: true));
    }

    [Fact]
    public void An_unknown_chat_template_is_refused_with_a_pointer_to_raw_which_sends_the_prompt_as_is()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "odd.gguf");
        TestVocabularies.WriteModel(path, TestVocabularies.Spm(chatTemplate: "{{ bos_token }}<<user>> {{ content }}"));

        var refused = CliRun.Of("generate", "--model", path, "--prompt", "hello", "--max-tokens", "2");
        var raw = CliRun.Of("generate", "--model", path, "--prompt", "hello", "--max-tokens", "2", "--raw", "--json");

        refused.ExitCode.Should().Be(ExitCodes.Errors);
        refused.Error.Should().Contain("chat template is not one pipeline recognises").And.Contain("--raw");
        raw.ExitCode.Should().Be(ExitCodes.Ok, raw.Error);
        using var tokenizer = new LlamaCppTokenizer(path);
        JsonDocument.Parse(raw.Out).RootElement.GetProperty("prompt_token_ids").EnumerateArray().Select(t => t.GetInt32())
            .Should().Equal(tokenizer.Tokenize("hello", addSpecial: true, parseSpecial: true));
    }

    [Fact]
    public void A_text_prompt_on_random_weights_asks_for_token_ids()
    {
        var run = CliRun.Of("generate", "--experiment", CliRun.Example("quickstart.pipe"), "--prompt", "hello");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().Contain("random weights: use --prompt-tokens");
    }

    [Theory]
    [InlineData("--prompt", "hi", "--prompt-tokens", "1")]
    [InlineData("--raw", null, "--prompt-tokens", "1")]
    public void Prompt_options_that_exclude_each_other_are_usage_errors(string first, string? firstValue, string second, string secondValue)
    {
        string[] args = ["generate", "--experiment", CliRun.Example("quickstart.pipe"), first, .. firstValue is null ? Array.Empty<string>() : [firstValue], second, secondValue];

        CliRun.Of(args).ExitCode.Should().Be(ExitCodes.Usage);
    }
}
