using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>
    /// Static batching: when no batch is running, wait until <c>MaxBatch</c> requests are queued or the oldest
    /// has waited <c>MaxWait</c>, then take requests in order while their whole footprint (prompt + output)
    /// fits in the cache together and their prompts fit the token budget; prefill them all in one step and
    /// decode until every member is done. Reserving the full footprint up front (as static servers did)
    /// means a static batch never preempts.
    /// </summary>
    private ScheduledBatch ScheduleStatic(double now)
    {
        var batching = _options.Batching;
        var draft = _draft.Reset(batching.MaxBatchedTokens);
        if (_running.Count > 0)
        {
            foreach (var state in _running.ToArray())
            {
                if (!TryGrowKv(state, state.Computed + state.Pending, keepWatermark: false))
                {
                    throw new InvalidOperationException($"Static batch member {state.Id} outgrew its reserved blocks.");
                }
                draft.Add(state, state.Pending);
            }
            return Build(draft);
        }
        if (_waiting.First is not { } oldest)
        {
            return ScheduledBatch.Empty(_step);
        }
        var deadline = oldest.Request.ArrivalTime + batching.MaxWait;
        if (_waiting.Count < batching.MaxBatch && now < deadline)
        {
            return ScheduledBatch.Empty(_step, deadline);
        }
        var reserved = 0;
        while (_waiting.First is { } state && draft.Entries.Count < batching.MaxBatch)
        {
            var footprint = _kv.BlocksFor(state.Request.TotalTokens);
            if (reserved + footprint > _kv.Capacity - _kv.UsedBlocks
                || (draft.Entries.Count > 0 && state.Pending > draft.Budget))
            {
                break;
            }
            TryGrowKv(state, state.Pending, keepWatermark: false);
            reserved += footprint;
            DequeueWaiting();
            AddRunning(state);
            draft.Add(state, state.Pending);
        }
        return Build(draft);
    }
}
