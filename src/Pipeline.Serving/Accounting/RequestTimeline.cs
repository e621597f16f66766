namespace Pipeline.Serving.Accounting;

/// <summary>
/// Everything that happened to one request, in seconds since the start of the run. Metrics are computed from
/// timelines only (never from the engine), so simulate and execute mode are measured by the same code.
/// A token's time is the end of the step that sampled it.
/// </summary>
/// <param name="RequestId">The request.</param>
/// <param name="PromptTokens">Prompt length.</param>
/// <param name="MaxOutputTokens">Output length asked for.</param>
/// <param name="Arrival">When it arrived (and was queued at its first worker).</param>
/// <param name="Status">Completed or rejected.</param>
/// <param name="RejectionReason">Why it was rejected, in plain words.</param>
/// <param name="End">When it completed or was rejected.</param>
/// <param name="Steps">Each step it took part in, in order.</param>
/// <param name="TokenTimes">When each output token was produced.</param>
/// <param name="OutputTokens">The output token ids.</param>
/// <param name="Preemptions">When it was preempted.</param>
/// <param name="KvTransferStart">Disaggregation: when its KV started moving to a decode worker.</param>
/// <param name="KvTransferEnd">Disaggregation: when the KV arrived.</param>
/// <param name="Workers">Workers it ran on, in order (prefill worker first when disaggregated).</param>
public sealed record RequestTimeline(
    int RequestId,
    int PromptTokens,
    int MaxOutputTokens,
    double Arrival,
    RequestStatus Status,
    string? RejectionReason,
    double End,
    IReadOnlyList<TimelineStep> Steps,
    IReadOnlyList<double> TokenTimes,
    IReadOnlyList<int> OutputTokens,
    IReadOnlyList<double> Preemptions,
    double? KvTransferStart,
    double? KvTransferEnd,
    IReadOnlyList<int> Workers)
{
    /// <summary>True when completed.</summary>
    public bool IsCompleted => Status == RequestStatus.Completed;

    /// <summary>When the first step including it started (null if it never ran).</summary>
    public double? FirstScheduled => Steps.Count > 0 ? Steps[0].Start : null;

    /// <summary>Time to first token, seconds.</summary>
    public double? Ttft => TokenTimes.Count > 0 ? TokenTimes[0] - Arrival : null;

    /// <summary>End-to-end latency of a completed request, seconds.</summary>
    public double? E2e => IsCompleted ? End - Arrival : null;

    /// <summary>Time per output token after the first: <c>(e2e - ttft) / (output - 1)</c>; null with fewer than two tokens.</summary>
    public double? Tpot => IsCompleted && TokenTimes.Count > 1 ? (End - TokenTimes[0]) / (TokenTimes.Count - 1) : null;

    /// <summary>Each gap between consecutive output tokens (inter-token latencies).</summary>
    public IEnumerable<double> InterTokenLatencies => TokenTimes.Zip(TokenTimes.Skip(1), (a, b) => b - a);
}
