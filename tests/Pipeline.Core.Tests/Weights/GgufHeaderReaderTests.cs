using Pipeline.Core.Weights;

namespace Pipeline.Core.Tests.Weights;

public sealed class GgufHeaderReaderTests
{
    private static GgufHeaderResult Read(byte[] bytes) => GgufHeaderReader.Read(new MemoryStream(bytes));

    [Fact]
    public void The_tiny_fixture_reads_as_its_generator_wrote_it()
    {
        var bytes = Fixtures.Tiny;
        var header = Read(bytes).Header!;

        header.Architecture.Should().Be("llama");
        header.Integer("llama.block_count").Should().Be(1);
        header.Integer("llama.attention.head_count_kv").Should().Be(1);
        header.Metadata["tokenizer.ggml.tokens"].Should().Be(new GgufArrayLength(8, 64), "the vocabulary is kept as its length only");
        header.Tensors.Should().HaveCount(11, "token_embd, output_norm and nine per layer");
        header.Tensor("blk.0.attn_k.weight")!.Dimensions.Should().Equal(32, 16);
        header.Tensor("blk.0.attn_k.weight")!.ByteLength.Should().Be(32 * 16 * 2, "F16 is two bytes a value");
        // Every tensor's data is a multiple of 32 bytes, so the data section is exactly their sum at the end of the file.
        header.DataStart.Should().Be(bytes.Length - header.Tensors.Sum(t => t.ByteLength));
    }

    [Fact]
    public void Every_prefix_of_a_valid_file_is_a_truncation_found_inside_the_prefix()
    {
        var bytes = Fixtures.Tiny;
        var dataStart = Read(bytes).Header!.DataStart;
        // Every cut inside the header, and every 61st inside the tensor data (whose end is checked, not its bytes).
        for (var length = 0; length < bytes.Length; length += length < dataStart ? 1 : 61)
        {
            var problem = Read(bytes[..length]).Problem;
            if (problem is null || !problem.Message.StartsWith("truncated", StringComparison.Ordinal) || problem.Offset < 0 || problem.Offset > length)
            {
                throw new Xunit.Sdk.XunitException($"cut at {length}: {problem?.Offset} {problem?.Message ?? "accepted"}");
            }
        }
    }

    [Fact]
    public void Bad_magic_and_an_unknown_version_point_at_their_bytes()
    {
        var notGguf = "GGML"u8.ToArray().Concat(new byte[60]).ToArray();
        Read(notGguf).Problem.Should().Be(new GgufProblem(0, "bad magic 0x4C4D4747: not a GGUF file (a GGUF file starts with \"GGUF\")"));
        Read(new GgufBytes(version: 4).ToArray()).Problem.Should().Be(new GgufProblem(4, "GGUF version 4 is not supported (2 or 3)"));
    }

    [Fact]
    public void Counts_the_file_cannot_hold_are_rejected_before_anything_is_allocated()
    {
        var tensors = Read(new GgufBytes(tensors: 1UL << 60).ToArray()).Problem!;
        tensors.Offset.Should().Be(8);
        tensors.Message.Should().Be("truncated header: 1152921504606846976 tensors cannot fit in the 24 bytes of the file");

        var array = new GgufBytes(metadata: 1).String("tokenizer.ggml.tokens").U32(9).U32(8).U64(1UL << 40).ToArray();
        Read(array).Problem!.Message.Should().StartWith("truncated header: array 'tokenizer.ggml.tokens' claims 1099511627776 elements");
    }

    [Fact]
    public void Tensor_data_size_follows_the_ggml_block_geometry()
    {
        // Q8_0 packs 32 values into 34 bytes: a [64, 2] tensor is 4 blocks = 136 bytes; Q4_K packs 256 into 144.
        var bytes = new GgufBytes(tensors: 2).Tensor("a", [64, 2], 8, 0).Tensor("b", [256], 12, 160).Data(160 + 144).ToArray();
        var header = Read(bytes).Header!;
        header.Tensor("a")!.ByteLength.Should().Be(136);
        header.Tensor("b")!.ByteLength.Should().Be(144);
    }

    [Fact]
    public void Tensor_problems_name_the_tensor_and_its_entry()
    {
        var unknown = new GgufBytes(tensors: 1);
        var typeAt = unknown.Position + 8 + 1 + 4 + 8;
        Read(unknown.Tensor("w", [4], 99, 0).Data(32).ToArray()).Problem!.Should().Match<GgufProblem>(p =>
            p.Offset == typeAt && p.Message.StartsWith("tensor 'w' has ggml type 99, which Pipeline does not know", StringComparison.Ordinal));

        Read(new GgufBytes(tensors: 1).Tensor("q", [33], 8, 0).Data(64).ToArray()).Problem!.Message
            .Should().Be("Q8_0 tensor 'q' has rows of 33 values, not a multiple of its block of 32");
        Read(new GgufBytes(tensors: 1).Tensor("m", [4], 0, 8).Data(64).ToArray()).Problem!.Message
            .Should().Be("tensor 'm' data offset 8 is not a multiple of the alignment 32");
        Read(new GgufBytes(tensors: 1).Tensor("big", [64], 0, 0).Data(64).ToArray()).Problem!.Message
            .Should().StartWith("truncated file: tensor 'big' (256 bytes at data offset 0) ends past the end of the file");
        Read(new GgufBytes(tensors: 2).Tensor("t", [4], 0, 0).Tensor("t", [4], 0, 32).Data(64).ToArray()).Problem!.Message
            .Should().Be("tensor 't' appears twice");
    }

    [Fact]
    public void Metadata_problems_name_the_key()
    {
        Read(new GgufBytes(metadata: 1).String("general.x").U32(13).ToArray()).Problem!.Message
            .Should().Be("metadata 'general.x' has unknown value type 13");
        Read(new GgufBytes(metadata: 2).KeyU32("a", 1).KeyU32("a", 2).ToArray()).Problem!.Message
            .Should().Be("metadata key 'a' appears twice");
        Read(new GgufBytes(metadata: 1).KeyU32("general.alignment", 48).ToArray()).Problem!.Message
            .Should().Be("general.alignment must be a power of two up to 1048576, not 48");
    }
}
