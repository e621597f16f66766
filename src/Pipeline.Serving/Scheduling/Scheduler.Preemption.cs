using Pipeline.Plans;
using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>
    /// Grows the request's blocks to hold <paramref name="tokens"/>, preempting running requests newest first
    /// until it fits. Returns false when the request itself was the newest and got preempted. Cannot loop
    /// forever: every admitted request fits the whole cache alone (checked at <see cref="Add"/>).
    /// </summary>
    private bool GrowOrPreempt(SequenceState state, int tokens, StepDraft draft)
    {
        if ((long)state.KvBlockCount * _kv.BlockSize >= tokens)
        {
            return true; // already holds them (most decode steps): what TryGrow would say, without the lookup
        }
        while (!TryGrowKv(state, tokens, keepWatermark: false, state.PromptLength + state.MaxOutputTokens))
        {
            var victim = _running[^1];
            Preempt(victim, draft);
            if (victim == state)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Takes a request off the device. Swap mode copies its blocks to the host pool (falling back to
    /// recomputation when the host pool is full); recompute mode forgets its KV and puts it at the front
    /// of the waiting queue, where its prompt and generated tokens will be prefilled again.
    /// </summary>
    private void Preempt(SequenceState victim, StepDraft draft)
    {
        draft.Remove(victim); // by its slot, before the slot is given back
        RemoveRunningAt(_running.LastIndexOf(victim));
        draft.Preempted.Add(victim.Id);
        var blocks = _kv.BlockTable(victim.Id);
        if (_options.Batching.Preemption == PreemptionMode.Swap && victim.Computed > 0
            && _host.TryGrow(victim.Id, blocks.Count * _kv.BlockSize))
        {
            draft.SwapOut.Add(new KvMoveOrder(victim.Id, blocks));
            victim.SwappedBlocks = blocks.Count;
            victim.Status = SequenceStatus.Swapped;
            var index = _swapped.BinarySearch(victim, Comparer<SequenceState>.Create(SequenceState.CompareAge));
            _swapped.Insert(index < 0 ? ~index : index, victim);
        }
        else
        {
            victim.Computed = 0;
            victim.Status = SequenceStatus.Waiting;
            EnqueueWaiting(victim, first: true);
        }
        FreeKv(victim);
    }

    /// <summary>Grows the sequence's device KV table (see <see cref="KvCacheManager.TryGrow(int, int, bool)"/>) and keeps its blocks on its state.</summary>
    private bool TryGrowKv(SequenceState state, int tokens, bool keepWatermark, int expectedTokens = 0)
    {
        if (!_kv.TryGrow(state.Id, tokens, keepWatermark, expectedTokens, state.KvTable, out var table))
        {
            return false;
        }
        state.SeeKv(table!);
        return true;
    }

    /// <summary>Frees the sequence's device KV table and forgets it on its state.</summary>
    private void FreeKv(SequenceState state)
    {
        _kv.Free(state.Id);
        state.ForgetKv();
    }
}
