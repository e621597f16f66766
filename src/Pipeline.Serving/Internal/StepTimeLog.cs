namespace Pipeline.Serving.Internal;

/// <summary>
/// When a worker's steps that sampled tokens ended, in order, in segments: a token's time is kept once per step, and a
/// request's token times are runs of consecutive entries (a decoding request samples in every step of its worker). A
/// segment lives while a recorder or timeline refers to it, so memory follows the requests in flight, not the run's
/// length. Segments start small and double up to <see cref="SegmentLength"/>, so an idle worker costs nothing.
/// </summary>
internal sealed class StepTimeLog
{
    public const int SegmentLength = 4096;

    private double[] _segment = [];
    private int _count;

    /// <summary>Records a step's end; returns where it was written.</summary>
    public (double[] Segment, int Index) Append(double time)
    {
        if (_count == _segment.Length)
        {
            _segment = new double[Math.Clamp(2 * _segment.Length, 64, SegmentLength)];
            _count = 0;
        }
        _segment[_count] = time;
        return (_segment, _count++);
    }
}
