namespace Pipeline.Runner;

/// <summary>Progress of a run, reported when a request completes or is rejected.</summary>
/// <param name="Done">Requests completed or rejected.</param>
/// <param name="Total">Requests in the workload.</param>
/// <param name="OutputTokensPerSecond">Output tokens so far per second of the run's timeline.</param>
public readonly record struct RunProgress(int Done, int Total, double OutputTokensPerSecond);
