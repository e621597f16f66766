namespace Pipeline.Runner.Capacity;

/// <summary>How a capacity plan runs.</summary>
/// <param name="Seed">Overrides the workload seed of every run (as <c>run --seed</c>), or null.</param>
/// <param name="Prune">Skip the search of candidates the roofline bound rules out (default); false searches every feasible one.</param>
/// <param name="Cancellation">Stops after the current probe.</param>
/// <param name="ReadFile">Reads the files the experiment refers to (imports, traces); defaults to the file system.</param>
/// <param name="OnCandidate">Told about each candidate as soon as it is done.</param>
public sealed record CapacityOptions(
    int? Seed = null,
    bool Prune = true,
    CancellationToken Cancellation = default,
    Func<string, string?>? ReadFile = null,
    Action<CandidateResult>? OnCandidate = null)
{
    /// <summary>Seed from the file, pruning on.</summary>
    public static CapacityOptions Default { get; } = new();
}
