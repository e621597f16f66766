using LLama.Native;
using Pipeline.Kernels;

namespace Pipeline.Engine.Tests.Quantized;

/// <summary>The production dequantisation against <see cref="ReferenceDequantizer"/>, bit for bit.</summary>
public sealed class QuantizedDecodingTests
{
    public static TheoryData<WeightFormat> Formats => new() { WeightFormat.Q8_0, WeightFormat.Q4_0, WeightFormat.Q4_K, WeightFormat.Q5_K, WeightFormat.Q6_K };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Random_blocks_decode_bit_identically_to_the_reference(WeightFormat format)
    {
        const int rows = 3, cols = 512;
        var bytes = RandomBlocks(format, rows, cols, seed: (int)format);
        var matrix = new HostMatrix(rows, cols, format, bytes);

        Bits(matrix.ToFloats()).Should().Equal(Bits(ReferenceDequantizer.Decode(format, bytes, rows * cols)));
    }

    [Theory]
    [InlineData(LLamaFtype.MOSTLY_Q4_0, new[] { WeightFormat.Q4_0, WeightFormat.Q6_K })] // llama.cpp makes the LM head Q6_K
    [InlineData(LLamaFtype.MOSTLY_Q8_0, new[] { WeightFormat.Q8_0 })]
    [InlineData(LLamaFtype.MOSTLY_Q4_K_M, new[] { WeightFormat.Q4_K, WeightFormat.Q6_K })]
    [InlineData(LLamaFtype.MOSTLY_Q5_K_M, new[] { WeightFormat.Q5_K, WeightFormat.Q6_K })]
    [InlineData(LLamaFtype.MOSTLY_Q6_K, new[] { WeightFormat.Q6_K })]
    public void Files_quantised_by_llama_cpp_load_in_their_formats_and_decode_like_the_reference(LLamaFtype ftype, WeightFormat[] expected)
    {
        var weights = GgufModelLoader.Load(LlamaQuantizedFiles.Path(ftype));
        var matrices = weights.Layers.SelectMany(l => new[] { l.Wq, l.Wk, l.Wv, l.Wo, l.WGate, l.WUp, l.WDown })
            .Append(weights.TokenEmbedding).Append(weights.Output).ToList();

        matrices.Select(m => m.Format).Distinct().Should().Contain(expected);
        weights.Output.Format.Should().BeOneOf(expected, "the LM head is quantised as in downloaded files");
        foreach (var m in matrices.Where(m => m.Format is not (WeightFormat.F32 or WeightFormat.F16)))
        {
            Bits(m.ToFloats()).Should().Equal(Bits(ReferenceDequantizer.Decode(m.Format, m.Data.ToArray(), m.Rows * m.Cols)), $"{m.Format} {m.Rows}x{m.Cols}");
        }
    }

    /// <summary>Random blocks whose f16 fields are finite halves (random bit patterns elsewhere).</summary>
    internal static byte[] RandomBlocks(WeightFormat format, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        int values = WeightBlocks.Values(format), size = WeightBlocks.Bytes(format), blocks = rows * cols / values;
        var bytes = new byte[blocks * size];
        random.NextBytes(bytes);
        int[] halves = format switch
        {
            WeightFormat.Q4_K or WeightFormat.Q5_K => [0, 2],
            WeightFormat.Q6_K => [208],
            _ => [0],
        };
        for (var b = 0; b < blocks; b++)
        {
            foreach (var offset in halves)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(b * size + offset, 2), (Half)(random.NextSingle() * 0.02f - 0.01f));
            }
        }
        return bytes;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
