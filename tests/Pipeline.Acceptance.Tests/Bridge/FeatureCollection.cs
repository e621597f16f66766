namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>
/// Everything that drives Reqnroll's runtime shares one collection, so scenarios never overlap
/// (the runtime's feature lifecycle is not re-entrant, and measured scenarios want the CPU to themselves).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FeatureCollection
{
    public const string Name = "Reqnroll features";
}
