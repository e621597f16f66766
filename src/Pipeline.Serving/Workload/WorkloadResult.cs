using Pipeline.Core.Diagnostics;

namespace Pipeline.Serving.Workload;

/// <summary>The requests of a workload, or the diagnostics explaining why they could not be generated.</summary>
/// <param name="Requests">Requests in arrival order (empty when <see cref="Diagnostics"/> has errors).</param>
/// <param name="Diagnostics">Problems found, e.g. a malformed trace file.</param>
public sealed record WorkloadResult(IReadOnlyList<ServingRequest> Requests, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when generation failed.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
