using Pipeline.Plans;
using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>
    /// Continuous and chunked batching: running requests first (oldest first; under chunked prefill the
    /// decodes before the chunks), preempting newest-first when blocks run out; then, when nobody was
    /// preempted, swapped-out requests come back and waiting ones are admitted in arrival order while the
    /// batch size, token budget and KV blocks (keeping the watermark) allow. With
    /// <see cref="PrefillSchedule.Separate"/>, a step that can admit prompts runs only those prefills.
    /// </summary>
    private ScheduledBatch ScheduleContinuous()
    {
        var batching = _options.Batching;
        if (batching.Policy == BatchingPolicy.Continuous && batching.PrefillSchedule == PrefillSchedule.Separate && _swapped.Count == 0)
        {
            var prefillStep = _draft.Reset(batching.MaxBatchedTokens);
            AdmitWaiting(prefillStep);
            if (prefillStep.Entries.Count > 0)
            {
                return Build(prefillStep);
            }
        }

        var draft = _draft.Reset(batching.MaxBatchedTokens);
        // A copy (preemption changes _running during the step), kept between steps to spare an allocation per step.
        var order = _order;
        order.Clear();
        if (batching.Policy == BatchingPolicy.Chunked)
        {
            foreach (var s in _running) if (s.IsDecoding) order.Add(s);
            foreach (var s in _running) if (!s.IsDecoding) order.Add(s);
        }
        else
        {
            order.AddRange(_running);
        }
        foreach (var state in order)
        {
            if (draft.Entries.Count >= batching.MaxBatch)
            {
                break;
            }
            if (state.Status != SequenceStatus.Running)
            {
                continue; // preempted earlier in this step
            }
            var tokens = TokensToRun(state, draft);
            if (tokens <= 0)
            {
                continue;
            }
            if (GrowOrPreempt(state, state.Computed + tokens, draft))
            {
                draft.Add(state, tokens);
            }
        }
        if (draft.Preempted.Count == 0)
        {
            SwapIn(draft);
            if (_swapped.Count == 0)
            {
                AdmitWaiting(draft);
            }
        }
        return Build(draft);
    }

    /// <summary>Admits waiting requests in order; stops at the first that does not fit (no overtaking).</summary>
    private void AdmitWaiting(StepDraft draft)
    {
        while (_waiting.First is { } state && draft.Entries.Count < _options.Batching.MaxBatch)
        {
            var tokens = TokensToRun(state, draft);
            // The watermark only matters when someone else holds blocks; alone, the whole cache is fair game.
            var alone = _running.Count == 0 && draft.Entries.Count == 0 && _kv.UsedBlocks == 0;
            if (tokens <= 0 || !TryGrowKv(state, state.Computed + tokens, keepWatermark: !alone, state.PromptLength + state.MaxOutputTokens))
            {
                break;
            }
            DequeueWaiting();
            AddRunning(state);
            draft.Add(state, tokens);
        }
    }

    /// <summary>Brings swapped-out requests back (oldest first) when their blocks fit.</summary>
    private void SwapIn(StepDraft draft)
    {
        foreach (var state in _swapped.ToArray())
        {
            if (draft.Entries.Count >= _options.Batching.MaxBatch)
            {
                break;
            }
            var tokens = TokensToRun(state, draft);
            var needed = Math.Max(state.Computed + tokens, state.SwappedBlocks * _kv.BlockSize);
            if (tokens <= 0 || !TryGrowKv(state, needed, keepWatermark: _running.Count > 0))
            {
                break;
            }
            _host.Free(state.Id);
            _swapped.Remove(state);
            draft.SwapIn.Add(new KvMoveOrder(state.Id, _kv.BlockTable(state.Id).Take(state.SwappedBlocks).ToArray()));
            AddRunning(state);
            draft.Add(state, tokens);
        }
    }
}
