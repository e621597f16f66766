using System.Collections;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Internal;

/// <summary>One step of one request as the recorder keeps it: a value, so a long run makes no object per sequence-step.</summary>
internal readonly record struct StepEntry(int Worker, long Step, double Start, double End, SequencePhase Phase, int Tokens);

/// <summary>A frozen timeline's steps: the recorded entries, each read as a <see cref="TimelineStep"/> when asked for.</summary>
internal sealed class StepList(List<StepEntry> entries) : IReadOnlyList<TimelineStep>
{
    public int Count => entries.Count;

    public TimelineStep this[int index]
    {
        get
        {
            var e = entries[index];
            return new TimelineStep(e.Worker, e.Step, e.Start, e.End, e.Phase, e.Tokens);
        }
    }

    public IEnumerator<TimelineStep> GetEnumerator()
    {
        for (var i = 0; i < entries.Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
