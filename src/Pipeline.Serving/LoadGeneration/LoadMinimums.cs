namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// What a benchmark asks a run to reach (LoadGen's <c>min_query_count</c> and <c>min_duration</c>). A load generator
/// issues the workload's queries and, when they would fall short, keeps issuing from the same seeded stream until both
/// are met, as LoadGen sizes its runs from them.
/// </summary>
/// <param name="Queries">Queries to issue at least.</param>
/// <param name="Duration">Seconds the run must cover, if any: the last query issued at or after it (Server,
/// Interactive, SingleStream), or, for Offline, <c>1.1 x duration x expected rate</c> queries (LoadGen's slack).</param>
public sealed record LoadMinimums(int Queries, double? Duration)
{
    /// <summary>No minimums: the workload alone decides.</summary>
    public static LoadMinimums None { get; } = new(0, null);

    /// <summary>True while a run that issued <paramref name="issued"/> queries, the last at <paramref name="lastIssue"/>, falls short.</summary>
    public bool Unmet(int issued, double? lastIssue) =>
        issued < Queries || (Duration is { } duration && (lastIssue is not { } last || last < duration));
}
