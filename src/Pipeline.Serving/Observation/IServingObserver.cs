using Pipeline.Serving.Accounting;

namespace Pipeline.Serving.Observation;

/// <summary>
/// Receives what happens during a run as it happens, so reports and metrics can stream instead of holding every
/// timeline: each executed step, each KV transfer, and each request's timeline once it has finished (completed or
/// rejected). Called synchronously on the loop's thread, in timeline order; implementations must not throw for
/// ordinary data.
/// </summary>
public interface IServingObserver
{
    /// <summary>A worker started a step (its end is known: the executor has answered).</summary>
    void OnStep(WorkerStepRecord step);

    /// <summary>A request's KV cache started moving from a prefill worker to a decode worker.</summary>
    void OnKvTransfer(KvTransferRecord transfer);

    /// <summary>A request finished; its timeline is final.</summary>
    void OnRequestFinished(RequestTimeline timeline);
}
