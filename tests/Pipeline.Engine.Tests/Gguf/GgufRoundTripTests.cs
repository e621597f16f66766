using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;

namespace Pipeline.Engine.Tests.Gguf;

public sealed class GgufRoundTripTests
{
    private static readonly ModelWeights Weights = RandomWeightsGenerator.Generate(TestModels.Tiny(hidden: 64, heads: 4, kvHeads: 2, layers: 2, ffn: 96, vocab: 40, context: 64), seed: 3);

    [Fact]
    public void F32_weights_and_architecture_survive_a_round_trip_exactly()
    {
        var loaded = RoundTrip(WeightFormat.F32);
        loaded.Architecture.Should().Be(Weights.Architecture);
        loaded.TokenEmbedding.ToFloats().Should().Equal(Weights.TokenEmbedding.ToFloats());
        loaded.Output.ToFloats().Should().Equal(Weights.Output.ToFloats());
        loaded.OutputNorm.Should().Equal(Weights.OutputNorm);
        for (var i = 0; i < Weights.Layers.Count; i++)
        {
            loaded.Layers[i].Wk.ToFloats().Should().Equal(Weights.Layers[i].Wk.ToFloats());
            loaded.Layers[i].WDown.ToFloats().Should().Equal(Weights.Layers[i].WDown.ToFloats());
            loaded.Layers[i].FfnNorm.Should().Equal(Weights.Layers[i].FfnNorm);
        }
    }

    [Theory]
    [InlineData(WeightFormat.F16, 1e-3)]
    [InlineData(WeightFormat.Q8_0, 1.5e-2)]
    public void Quantised_weights_load_in_their_format_and_stay_close(WeightFormat format, double tolerance)
    {
        var loaded = RoundTrip(format);
        loaded.Layers[1].Wq.Format.Should().Be(format);
        loaded.OutputNorm.Should().Equal(Weights.OutputNorm, "norms are always written as f32");
        TestModels.RelativeError(loaded.Layers[1].Wq.ToFloats(), Weights.Layers[1].Wq.ToFloats()).Should().BeLessThan(tolerance);
        TestModels.RelativeError(loaded.Output.ToFloats(), Weights.Output.ToFloats()).Should().BeLessThan(tolerance);
    }

    [Fact]
    public void Writing_the_same_weights_twice_gives_identical_bytes()
    {
        Bytes(WeightFormat.Q8_0).Should().Equal(Bytes(WeightFormat.Q8_0));
    }

    [Fact]
    public void The_architecture_can_be_read_without_the_weights()
    {
        var path = Path.GetTempFileName();
        try
        {
            GgufWriter.Write(path, Weights);
            GgufModelLoader.ReadArchitecture(path).Should().Be(Weights.Architecture);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static byte[] Bytes(WeightFormat format)
    {
        using var stream = new MemoryStream();
        GgufWriter.Write(stream, Weights, format);
        return stream.ToArray();
    }

    private static ModelWeights RoundTrip(WeightFormat format) => GgufModelLoader.Load(new MemoryStream(Bytes(format)));
}
