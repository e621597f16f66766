namespace Pipeline.Plans;

/// <summary>Where a model's weights come from.</summary>
public abstract record WeightsSource;

/// <summary>Weights drawn from a seeded random generator (any shape; for experiments and tests).</summary>
public sealed record RandomWeights(int Seed) : WeightsSource;

/// <summary>Weights read from a GGUF file (path resolved relative to the experiment file).</summary>
public sealed record GgufWeights(string Path) : WeightsSource;
