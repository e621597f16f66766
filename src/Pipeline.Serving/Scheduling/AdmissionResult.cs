namespace Pipeline.Serving.Scheduling;

/// <summary>Whether a scheduler accepted a request; a rejected request never runs, and the reason says why.</summary>
public sealed record AdmissionResult(bool Accepted, string? Reason)
{
    /// <summary>Accepted.</summary>
    public static AdmissionResult Accept { get; } = new(true, null);

    /// <summary>Rejected, with a reason in plain words.</summary>
    public static AdmissionResult Reject(string reason) => new(false, reason);
}
