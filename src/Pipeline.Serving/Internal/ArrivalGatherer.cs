using Pipeline.Plans;

namespace Pipeline.Serving.Internal;

/// <summary>
/// Holds arrivals in front of the entry pool and lets them go in groups (<see cref="ArrivalGathering"/>): a group
/// leaves when <see cref="ArrivalGathering.MaxQueries"/> are held, or at the deadline one window after the last group
/// left. A query arriving after an idle spell past the deadline therefore leaves at once, alone, as in the harness
/// this models (its timer restarts only when a group is sent).
/// </summary>
internal sealed class ArrivalGatherer
{
    private readonly ArrivalGathering _policy;
    private readonly List<TimelineRecorder> _held = [];
    private double _deadline = double.NegativeInfinity;

    public ArrivalGatherer(ArrivalGathering policy)
    {
        if (policy.MaxQueries < 1 || !(policy.Window > 0) || double.IsInfinity(policy.Window))
        {
            throw new ArgumentException("Gathering needs at least one query per group and a finite window above 0 s.", nameof(policy));
        }
        _policy = policy;
    }

    public int Count => _held.Count;

    public IEnumerable<TimelineRecorder> Held => _held;

    public bool Holds(int requestId) => _held.Exists(r => r.Request.Id == requestId);

    public void Add(TimelineRecorder recorder) => _held.Add(recorder);

    /// <summary>True when a group should leave at <paramref name="now"/>.</summary>
    public bool Ready(double now) => _held.Count >= _policy.MaxQueries || (_held.Count > 0 && now >= _deadline);

    /// <summary>When the held queries leave if no more arrive: the deadline, or null when nothing is held or it has passed.</summary>
    public double? Deadline(double now) => _held.Count > 0 && _deadline > now ? _deadline : null;

    /// <summary>Takes the oldest group (at most <see cref="ArrivalGathering.MaxQueries"/>) and restarts the window.</summary>
    public TimelineRecorder[] Take(double now)
    {
        var count = Math.Min(_policy.MaxQueries, _held.Count);
        var group = _held.GetRange(0, count).ToArray();
        _held.RemoveRange(0, count);
        _deadline = now + _policy.Window;
        return group;
    }
}
