using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>A step being formed: who runs how many tokens, under one token budget.</summary>
    /// <remarks>One draft per scheduler is reused step after step (<see cref="Reset"/>): its lists keep their room.</remarks>
    private sealed class StepDraft
    {
        public List<(SequenceState State, int Tokens)> Entries { get; } = [];
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

        public void Add(SequenceState state, int tokens)
        {
            Entries.Add((state, tokens));
            Budget -= tokens;
        }

        public void Remove(SequenceState state)
        {
            var index = Entries.FindIndex(e => e.State == state);
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
        // One step is in flight at a time, so the states buffer is reused until a batch outgrows it.
        if (_draftStates.Length < entries.Count)
        {
            var size = Math.Max(entries.Count, 2 * _draftStates.Length);
            (_draftStates, _draftLimits, _draftRecorders) = (new SequenceState[size], new int[size], new TimelineRecorder?[size]);
        }
        var (states, limits, recorders) = (_draftStates, _draftLimits, _draftRecorders);
        for (var i = 0; i < entries.Count; i++)
        {
            var (state, count) = entries[i];
            states[i] = state;
            limits[i] = state.PromptLength + state.MaxOutputTokens;
            recorders[i] = state.Recorder;
            var phase = state.IsDecoding && count == 1 ? SequencePhase.Decode : SequencePhase.Prefill;
            sequences[i] = new ScheduledSequence(
                state.Id, phase, state.Computed, state.Storage(), count, state.KvBlocks ?? [], state.KvBlockCount,
                state.Computed + count == state.TokenCount);
        }
        IReadOnlyList<ScheduledSequence> view = ReusesStepBuffers ? new ArraySegment<ScheduledSequence>(sequences, 0, entries.Count) : sequences;
        return new ScheduledBatch(_step, view, Copy(draft.Preempted), Copy(draft.SwapOut), Copy(draft.SwapIn));
    }

    private static T[] Copy<T>(List<T> list) => list.Count == 0 ? [] : list.ToArray();

    /// <summary>Tokens this request may run now: everything pending, or a chunk under chunked prefill.</summary>
    private int TokensToRun(SequenceState state, StepDraft draft)
    {
        var pending = state.Pending;
        if (_options.Batching.Policy == Plans.BatchingPolicy.Chunked)
        {
            return Math.Min(pending, draft.Budget);
        }
        // Without chunking a prefill runs whole; one that exceeds the budget may only run alone
        // (a recomputation after preemption can be longer than any prompt admitted).
        return pending <= draft.Budget || draft.Entries.Count == 0 ? pending : 0;
    }
}
