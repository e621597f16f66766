using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>Produces the host-side weights a <see cref="ModelPlan"/> names: seeded random weights or a GGUF file.</summary>
public static class ModelWeightsLoader
{
    /// <summary>
    /// Loads the plan's weights. GGUF paths in plans are already resolved against the experiment file by the compiler,
    /// so they are used as they are. Throws <see cref="GgufFormatException"/> for a bad file and <see cref="IOException"/>
    /// when it cannot be read.
    /// </summary>
    public static ModelWeights Load(ModelPlan model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Weights switch
        {
            RandomWeights random => RandomWeightsGenerator.Generate(model.Architecture, random.Seed),
            GgufWeights gguf => GgufModelLoader.Load(gguf.Path),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Weights, "Unknown weights source."),
        };
    }
}
