using System.Buffers.Binary;
using System.Text;
using Pipeline.Kernels;

namespace Pipeline.Engine.Tests.Gguf;

/// <summary>Every malformed file is a <see cref="GgufFormatException"/> that names the problem, and none hangs.</summary>
public sealed class GgufMalformedFileTests
{
    private static readonly byte[] Valid = GgufRoundTripTests.Bytes(WeightFormat.F32);

    [Fact]
    public void Bad_magic_is_reported() => Fails(Patch(0, 0x58554747u), "magic");

    [Fact]
    public void Unsupported_version_is_reported() => Fails(Patch(4, 99u), "version 99");

    [Fact]
    public void Absurd_tensor_count_is_reported() => Fails(Patch64(8, 1UL << 60), "tensor count");

    [Fact]
    public void Absurd_metadata_count_is_reported() => Fails(Patch64(16, 1UL << 61), "metadata count");

    [Fact]
    public void Absurd_string_length_is_reported() => Fails(Patch64(24, 1UL << 62), "String length");

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(500)]
    [InlineData(-100)]
    [InlineData(-1)]
    public void A_truncated_file_is_reported(int cut)
    {
        var length = cut >= 0 ? cut : Valid.Length + cut;
        Fails(Valid[..length], "truncated");
    }

    [Fact]
    public void Truncation_inside_the_tensor_directory_is_reported()
    {
        var at = IndexOf(Valid, "blk.1.attn_v.weight");
        Fails(Valid[..(at + 10)], "truncated");
    }

    [Fact]
    public void Unknown_architecture_is_reported()
    {
        var bytes = Valid.ToArray();
        var key = IndexOf(bytes, "general.architecture") + "general.architecture".Length;
        Encoding.ASCII.GetBytes("gemma").CopyTo(bytes, key + 4 + 8); // after value type and string length
        Fails(bytes, "architecture 'gemma'");
    }

    [Fact]
    public void Missing_tensor_is_reported()
    {
        var bytes = Valid.ToArray();
        Encoding.ASCII.GetBytes("blk.1.ffn_xx.weight").CopyTo(bytes, IndexOf(bytes, "blk.1.ffn_up.weight"));
        Fails(bytes, "Missing tensor 'blk.1.ffn_up.weight'");
    }

    [Fact]
    public void Missing_metadata_is_reported()
    {
        var bytes = Valid.ToArray();
        Encoding.ASCII.GetBytes("llama.block_coun_").CopyTo(bytes, IndexOf(bytes, "llama.block_count"));
        Fails(bytes, "Missing metadata 'llama.block_count'");
    }

    [Fact]
    public void Wrong_shape_is_reported()
    {
        var bytes = Valid.ToArray();
        var dims = TensorFields(bytes, "output_norm.weight") + 4;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(dims), 32);
        Fails(bytes, "'output_norm.weight' has wrong shape [32]");
    }

    [Fact]
    public void Absurd_dimension_is_reported()
    {
        var bytes = Valid.ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TensorFields(bytes, "blk.0.attn_q.weight") + 4), 1UL << 40);
        Fails(bytes, "absurd dimension");
    }

    [Fact]
    public void Unsupported_tensor_type_is_reported()
    {
        var bytes = Valid.ToArray();
        var fields = TensorFields(bytes, "blk.0.attn_k.weight");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(fields + 4 + 2 * 8), 3); // Q4_1
        Fails(bytes, "unsupported ggml type 3 (supported: F32 = 0, F16 = 1, Q4_0 = 2, Q8_0 = 8, Q4_K = 12, Q5_K = 13, Q6_K = 14)");
    }

    [Fact]
    public void A_k_quant_row_that_is_not_whole_super_blocks_is_reported()
    {
        var bytes = Valid.ToArray();
        var fields = TensorFields(bytes, "blk.0.attn_k.weight");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(fields + 4 + 2 * 8), 12); // Q4_K, rows of 64 values
        Fails(bytes, "Q4_K tensor 'blk.0.attn_k.weight' has a row of 64 values, not a multiple of 256");
    }

    [Fact]
    public void Randomly_corrupted_headers_fail_cleanly_or_load()
    {
        var random = new Random(5);
        var header = IndexOf(Valid, "output.weight") + 64;
        for (var trial = 0; trial < 150; trial++)
        {
            var bytes = Valid.ToArray();
            for (var flips = 0; flips < 3; flips++) bytes[random.Next(header)] ^= (byte)(1 << random.Next(8));
            var outcome = RunBounded(bytes);
            outcome.Should().Match<Exception?>(e => e == null || e is GgufFormatException, $"trial {trial} threw {outcome?.GetType().Name}: {outcome?.Message}");
        }
    }

    private static void Fails(byte[] bytes, string fragment)
    {
        var error = RunBounded(bytes);
        error.Should().BeOfType<GgufFormatException>().Which.Message.Should().ContainEquivalentOf(fragment);
    }

    /// <summary>Loads with a generous time bound (a hang fails the test instead of blocking the run).</summary>
    private static Exception? RunBounded(byte[] bytes)
    {
        var task = Task.Run(() => GgufModelLoader.Load(new MemoryStream(bytes)));
        var finished = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20));
        finished.Should().BeTrue("loading a malformed file must not hang");
        return task.Exception?.InnerException;
    }

    private static byte[] Patch(int offset, uint value)
    {
        var bytes = Valid.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    private static byte[] Patch64(int offset, ulong value)
    {
        var bytes = Valid.ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    /// <summary>Offset of a tensor's dimension count field (right after its name in the directory).</summary>
    private static int TensorFields(byte[] bytes, string name) => IndexOf(bytes, name) + name.Length;

    private static int IndexOf(byte[] bytes, string text)
    {
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text));
        at.Should().BeGreaterThan(0, $"'{text}' should be in the file");
        return at;
    }
}
