using Pipeline.Core.Tests.Weights;
using Pipeline.Core.Tokenization;

namespace Pipeline.Core.Tests.Tokenization;

/// <summary>
/// Seeded mutations of GGUF tokenizer metadata (both styles): reading never throws, every problem is on a byte of the
/// file, and a tokenizer built from whatever is accepted encodes and decodes without throwing. Bounded by work.
/// </summary>
public sealed class TokenizerFuzzTests
{
    private const int Inputs = 1500;
    private static readonly ulong[] Extremes = [0, 1, 2, 5, 6, 9, 12, 13, 255, 0xFFFF_FFFF, 1UL << 40, ulong.MaxValue];

    [Fact]
    public void Mutated_tokenizer_metadata_never_crashes_and_problems_are_located()
    {
        byte[][] seeds =
        [
            TokenizerFiles.Spm(b => b.KeyU32("tokenizer.ggml.bos_token_id", 1).KeyBool("tokenizer.ggml.add_eos_token", true), 2),
            new GgufBytes(metadata: 4).KeyString("tokenizer.ggml.model", "gpt2").KeyString("tokenizer.ggml.pre", "llama-bpe")
                .KeyStrings("tokenizer.ggml.tokens", ["a", "b", "c", "Ġ", "ab", "Ġab", "<|eot_id|>"]).KeyStrings("tokenizer.ggml.merges", ["a b", "Ġ ab"]).ToArray(),
        ];
        var random = new Random(20261201);
        var outcomes = new int[2];
        for (var i = 0; i < Inputs; i++)
        {
            var seed = seeds[i % 2];
            var bytes = (byte[])seed.Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(24, bytes.Length - 8);
                if (random.Next(2) == 0) bytes[at] = (byte)random.Next(256);
                else BitConverter.TryWriteBytes(bytes.AsSpan(at, 8), Extremes[random.Next(Extremes.Length)]);
            }
            try
            {
                var result = TokenizerFiles.Read(bytes);
                if (result.Problem is { } problem)
                {
                    if (problem.Offset < 0 || problem.Offset > bytes.Length || string.IsNullOrWhiteSpace(problem.Message)) throw new Xunit.Sdk.XunitException($"input {i}: problem at {problem.Offset}: {problem.Message}");
                    outcomes[0]++;
                    continue;
                }
                var tokenizer = Tokenizer.Create(result.Vocabulary!);
                foreach (var text in new[] { "abc ab", " a<|eot_id|>é😀", "" }) tokenizer.Decode(tokenizer.Encode(text, parseSpecial: true));
                tokenizer.Decode(Enumerable.Range(0, 5).Select(_ => random.Next(tokenizer.Count)).ToArray(), unparseSpecial: true);
                outcomes[1]++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"input {i} crashed", e);
            }
        }
        outcomes.Should().OnlyContain(n => n > Inputs / 20);
    }
}
