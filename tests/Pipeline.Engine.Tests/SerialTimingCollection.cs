namespace Pipeline.Engine.Tests;

/// <summary>
/// Tests that measure process CPU time run alone: xunit runs other test classes of this assembly in parallel, and
/// their CPU time would be counted in the same process total.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTimingCollection
{
    public const string Name = "Serial timing (process CPU time)";
}
