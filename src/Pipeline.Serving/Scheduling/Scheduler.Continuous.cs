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
        // Running requests in age order, walked in place: a preemption only ever takes the newest (the list's last, at
        // or after the one being scheduled), so the walk never skips or repeats one. Under chunked prefill the decodes
        // go first and the rest (a few prefill chunks) are set aside, in order, for after them.
        // The walk reads the running set's slots, not the states.
        var later = _later;
        later.Clear();
        var chunked = batching.Policy == BatchingPolicy.Chunked;
        var full = false;
        var slots = _runningSlots;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            if (chunked && !_set.IsDecoding(slot))
            {
                later.Add(_running[i]);
                continue;
            }
            if (!TrySchedule(slot, draft))
            {
                full = true;
                break;
            }
        }
        if (!full)
        {
            foreach (var state in later)
            {
                // A request set aside may since have been preempted by a later one's growth.
                if (state.Status == SequenceStatus.Running && !TrySchedule(state.Slot, draft)) break;
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

    /// <summary>Schedules a running request's next tokens, growing its blocks (or preempting); false when the batch is full.</summary>
    private bool TrySchedule(int slot, StepDraft draft)
    {
        if (draft.Entries.Count >= _options.Batching.MaxBatch)
        {
            return false;
        }
        var set = _set;
        var computed = set.Computed[slot];
        var tokens = TokensToRun(set.TokenCount[slot] - computed, draft);
        if (tokens <= 0)
        {
            return true;
        }
        // Most decode steps need no new block: the slot says so without visiting the state (GrowOrPreempt's own check).
        if ((long)set.KvBlockCount[slot] * _kv.BlockSize >= computed + tokens || GrowOrPreempt(set.States[slot]!, computed + tokens, draft))
        {
            draft.Add(slot, tokens);
        }
        return true;
    }

    /// <summary>Admits waiting requests in order; stops at the first that does not fit (no overtaking).</summary>
    private void AdmitWaiting(StepDraft draft)
    {
        while (_waiting.First is { } state && draft.Entries.Count < _options.Batching.MaxBatch)
        {
            var tokens = TokensToRun(state.Pending, draft);
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
            var tokens = TokensToRun(state.Pending, draft);
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
