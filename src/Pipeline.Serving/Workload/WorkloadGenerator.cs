using Pipeline.Plans;

namespace Pipeline.Serving.Workload;

/// <summary>
/// Turns a <see cref="WorkloadPlan"/> into the whole list of its requests at once: <see cref="RequestStream"/> read to
/// its end (same requests, same order). Runs use the stream through a load generator instead, so they never hold
/// requests that have not arrived yet; this list is for tests and tools that want the workload itself.
/// </summary>
public static class WorkloadGenerator
{
    /// <summary>Diagnostic code: the workload has neither a request count nor a duration.</summary>
    public const string Unbounded = RequestStream.Unbounded;

    /// <summary>Generates the requests.</summary>
    /// <param name="plan">The workload.</param>
    /// <param name="vocabulary">Vocabulary size; prompt token ids are drawn from <c>[0, vocabulary)</c>.</param>
    /// <param name="baseDirectory">Directory trace paths are relative to (the experiment file's), or null for the current one.</param>
    public static WorkloadResult Generate(WorkloadPlan plan, int vocabulary, string? baseDirectory = null)
    {
        var (stream, diagnostics) = RequestStream.Open(plan, vocabulary, baseDirectory);
        if (stream is null)
        {
            return new WorkloadResult([], diagnostics);
        }
        var requests = new List<ServingRequest>(stream.Planned ?? 16);
        while (stream.TryNext(out var request))
        {
            requests.Add(request);
        }
        return new WorkloadResult(requests, diagnostics);
    }
}
