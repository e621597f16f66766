using Pipeline.Core.Weights;

namespace Pipeline.Engine.Tests.Gguf;

/// <summary>
/// The GGUF fixtures the compiler's conformance cases use are written by a Python script, and their headers are read
/// at compile time by Pipeline.Core's header reader: the engine's own loader is the independent check that the
/// fixture is a real GGUF file and that both readers see the same model.
/// </summary>
public sealed class ConformanceFixtureTests
{
    private static string Fixture(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, relative);
    }

    [Fact]
    public void The_tiny_fixture_loads_in_the_engine_with_the_shapes_the_compiler_checks()
    {
        var path = Fixture("spec/conformance/models/tiny.gguf");
        var weights = GgufModelLoader.Load(path);
        var header = WeightsFile.ReadHeader(path).Header!.Header!;

        var a = weights.Architecture;
        (a.Layers, a.Hidden, a.Heads, a.KvHeads, a.FfnHidden, a.Vocab).Should().Be((1, 32, 2, 1, 64, 64));
        header.Integer("llama.block_count").Should().Be(a.Layers);
        header.Integer("llama.embedding_length").Should().Be(a.Hidden);
        header.Integer("llama.feed_forward_length").Should().Be(a.FfnHidden);
        header.Tensor("token_embd.weight")!.Dimensions.Should().Equal(a.Hidden, a.Vocab);
    }

    [Fact]
    public void The_fixture_with_misshapen_tensors_is_refused_by_the_engine_too()
    {
        var act = () => GgufModelLoader.Load(Fixture("spec/conformance/invalid/weights/tiny-wrong-tensors.gguf"));
        act.Should().Throw<GgufFormatException>();
    }
}
