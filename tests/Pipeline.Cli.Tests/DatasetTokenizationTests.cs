using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Engine.Tests.Tokenization;
using Pipeline.Plans;
using Pipeline.Serving.Workload;

namespace Pipeline.Cli.Tests;

/// <summary>
/// A dataset workload over a GGUF model is encoded with the file's own tokenizer: llama.cpp (LLamaSharp) on the same
/// file is the oracle for the lengths the plan records and for the ids the requests carry.
/// </summary>
public sealed class DatasetTokenizationTests
{
    private static readonly string[] Prompts = ["Hello world", "The quick brown fox jumps over the lazy dog.", "café 你好 😀 <s> literal", "int main() { return 0; }"];

    [Theory]
    [InlineData("spm")]
    [InlineData("bpe")]
    public void Plan_lengths_and_request_ids_are_llama_cpp_s_encoding_of_each_prompt(string style)
    {
        using var temp = new TempDirectory();
        var vocabulary = style == "spm" ? TestVocabularies.Spm() : TestVocabularies.Bpe();
        TestVocabularies.WriteModel(Path.Combine(temp.Path, "m.gguf"), vocabulary);
        temp.Write("prompts.jsonl", string.Join("\n", Prompts.Select(p => System.Text.Json.JsonSerializer.Serialize(new { prompt = p, output_tokens = 4 }))));
        var experiment = temp.Write("e.pipe", $$"""
            experiment e {
              model m { layers = 1  hidden = 32  heads = 2  kv_heads = 2  ffn = 64  vocab = {{vocabulary.Tokens.Count}}  context = 128 tok  dtype = f32
                weights = gguf("m.gguf") }
              workload { arrivals = all_at_once  prompt = dataset("prompts.jsonl")  requests = 4 }
              benchmark { scenario = offline  mode = execute }
            }
            """);

        var result = ExperimentCompiler.CompileFile(experiment);

        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        var workload = result.Plan!.Benchmark.Workload;
        using var llama = new LlamaCppTokenizer(Path.Combine(temp.Path, "m.gguf"));
        var expected = Prompts.Select(p => llama.Tokenize(p, addSpecial: true, parseSpecial: false)).ToArray();
        var prompts = workload.PromptTokens.Should().BeOfType<DatasetPrompts>().Subject;
        (prompts.Rows, prompts.Min, prompts.Max, prompts.Mean).Should().Be((4, expected.Min(e => e.Length), expected.Max(e => e.Length), expected.Average(e => e.Length)));
        var requests = WorkloadGenerator.Generate(workload, vocabulary.Tokens.Count).Requests;
        requests.Select(r => string.Join(",", r.PromptTokens)).Should().Equal(expected.Select(e => string.Join(",", e)));
        requests.Should().OnlyContain(r => r.MaxOutputTokens == 4);
    }
    [Fact]
    public void A_row_the_vocabulary_turns_into_no_tokens_is_a_diagnostic_at_check()
    {
        // Byte-level BPE without its byte tokens: only '!'..'`' (no lowercase letters), no BOS added, as a hand-made file may be.
        using var temp = new TempDirectory();
        var tokens = Enumerable.Range('!', '`' - '!' + 1).Select(c => ((char)c).ToString()).Append("<|end|>").ToList();
        var types = tokens.Select(t => t == "<|end|>" ? Pipeline.Core.Tokenization.TokenType.Control : Pipeline.Core.Tokenization.TokenType.Normal).ToList();
        var vocabulary = new Pipeline.Core.Tokenization.TokenizerVocabulary(Pipeline.Core.Tokenization.TokenizerModel.Gpt2, "gpt-2", tokens, [], types, ["A B"],
            Bos: tokens.Count - 1, Eos: tokens.Count - 1, AddBos: false);
        TestVocabularies.WriteModel(Path.Combine(temp.Path, "m.gguf"), vocabulary);
        temp.Write("prompts.jsonl", "{\"prompt\": \"ABC\"}\n{\"prompt\": \"hello\"}\n");
        var experiment = temp.Write("e.pipe", $$"""
            experiment e {
              model m { layers = 1  hidden = 32  heads = 2  kv_heads = 2  ffn = 64  vocab = {{tokens.Count}}  context = 128 tok  dtype = f32
                weights = gguf("m.gguf") }
              workload { arrivals = all_at_once  prompt = dataset("prompts.jsonl")  output = fixed(4 tok)  requests = 2 }
              benchmark { scenario = offline  mode = execute }
            }
            """);

        var result = ExperimentCompiler.CompileFile(experiment);

        result.Success.Should().BeFalse("a request of no prompt tokens would be rejected by the run, every one of them");
        var error = result.Diagnostics.Should().ContainSingle(d => d.IsError).Subject;
        error.Code.Should().Be("PL0426", error.Message);
        error.Message.Should().Contain("line 2: the prompt encodes to no tokens");
    }
}
