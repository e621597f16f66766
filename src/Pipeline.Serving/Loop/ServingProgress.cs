namespace Pipeline.Serving.Loop;

/// <summary>Progress of a run, reported whenever a request completes or is rejected.</summary>
/// <param name="Done">Requests completed or rejected so far.</param>
/// <param name="Total">Requests in the workload.</param>
/// <param name="OutputTokens">Output tokens produced so far.</param>
/// <param name="Time">Seconds on the run's timeline.</param>
public readonly record struct ServingProgress(int Done, int Total, long OutputTokens, double Time);
