using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>A step being formed: who runs how many tokens, under one token budget.</summary>
    /// <remarks>One draft per scheduler is reused step after step (<see cref="Reset"/>): its lists keep their room.</remarks>
    private sealed class StepDraft
    {
        /// <summary>Who runs how many tokens, by running slot (every entry is running while the step is formed and built).</summary>
        public List<(int Slot, int Tokens)> Entries { get; } = [];
        public List<int> Preempted { get; } = [];
        public List<KvMoveOrder> SwapOut { get; } = [];
        public List<KvMoveOrder> SwapIn { get; } = [];
        public int Budget { get; private set; }

        /// <summary>Empties the draft for a new step under <paramref name="budget"/> tokens.</summary>
        public StepDraft Reset(int budget)
        {
            Entries.Clear();
            Preempted.Clear();
            SwapOut.Clear();
            SwapIn.Clear();
            Budget = budget;
            return this;
        }

        public void Add(SequenceState state, int tokens) => Add(state.Slot, tokens);

        public void Add(int slot, int tokens)
        {
            Entries.Add((slot, tokens));
            Budget -= tokens;
        }

        public void Remove(SequenceState state)
        {
            var slot = state.Slot;
            var index = Entries.FindIndex(e => e.Slot == slot);
            if (index >= 0)
            {
                Budget += Entries[index].Tokens;
                Entries.RemoveAt(index);
            }
        }
    }

    private ScheduledBatch Build(StepDraft draft)
    {
        var entries = draft.Entries;
        // Reusing: the serving loop is done with a batch once it has updated it, so one array serves every step.
        if (ReusesStepBuffers && _sequences.Length < entries.Count) _sequences = new ScheduledSequence[Math.Max(entries.Count, 2 * _sequences.Length)];
        var sequences = ReusesStepBuffers ? _sequences : new ScheduledSequence[entries.Count];
        // One step is in flight at a time, so the slots buffer is reused until a batch outgrows it.
        if (_draftSlots.Length < entries.Count) _draftSlots = new int[Math.Max(entries.Count, 2 * _draftSlots.Length)];
        var slots = _draftSlots;
        var set = _set;
        for (var i = 0; i < entries.Count; i++)
        {
            // Read off the running set; the state object only for a sequence's first step (its token array is made then).
            var (slot, count) = entries[i];
            slots[i] = slot;
            var computed = set.Computed[slot];
            var phase = set.IsDecoding(slot) && count == 1 ? SequencePhase.Decode : SequencePhase.Prefill;
            sequences[i] = new ScheduledSequence(
                set.Ids[slot], phase, computed, set.Tokens[slot] ?? set.States[slot]!.Storage(), count, set.KvBlocks[slot] ?? [], set.KvBlockCount[slot],
                computed + count == set.TokenCount[slot]);
        }
        IReadOnlyList<ScheduledSequence> view = ReusesStepBuffers ? new ArraySegment<ScheduledSequence>(sequences, 0, entries.Count) : sequences;
        return new ScheduledBatch(_step, view, Copy(draft.Preempted), Copy(draft.SwapOut), Copy(draft.SwapIn));
    }

    private static T[] Copy<T>(List<T> list) => list.Count == 0 ? [] : list.ToArray();

    /// <summary>Tokens a request with <paramref name="pending"/> tokens not yet computed may run now: all of them, or a chunk under chunked prefill.</summary>
    private int TokensToRun(int pending, StepDraft draft)
    {
        if (_options.Batching.Policy == Plans.BatchingPolicy.Chunked)
        {
            return Math.Min(pending, draft.Budget);
        }
        // Without chunking a prefill runs whole; one that exceeds the budget may only run alone
        // (a recomputation after preemption can be longer than any prompt admitted).
        return pending <= draft.Budget || draft.Entries.Count == 0 ? pending : 0;
    }
}
