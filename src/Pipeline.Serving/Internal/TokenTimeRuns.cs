using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>Consecutive entries <c>Start .. Start + Count - 1</c> of a <see cref="StepTimeLog"/> segment: one request's token times there.</summary>
internal readonly record struct TimeRun(double[] Segment, int Start, int Count);

/// <summary>A frozen timeline's token times: its runs of step-end times, read in order (no copy per token).</summary>
internal sealed class TokenTimeRuns(TimeRun[] runs, int count) : IReadOnlyList<double>
{
    public TimeRun[] Runs => runs;

    public int Count => count;

    public double this[int index]
    {
        get
        {
            if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index));
            foreach (var run in runs)
            {
                if (index < run.Count) return run.Segment[run.Start + index];
                index -= run.Count;
            }
            throw new InvalidOperationException("Token time runs are shorter than their count.");
        }
    }

    public IEnumerator<double> GetEnumerator()
    {
        foreach (var run in runs)
        {
            for (var i = 0; i < run.Count; i++) yield return run.Segment[run.Start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
