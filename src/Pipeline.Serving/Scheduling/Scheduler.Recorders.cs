using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>The recorder of the in-flight step's sequence at <paramref name="index"/> (batch order): no lookup by id.</summary>
    internal TimelineRecorder RecorderAt(int index) =>
        _set.Recorders[_inFlightSlots[index]] ?? throw new InvalidOperationException($"Request {_set.Ids[_inFlightSlots[index]]} has no recorder.");

    /// <summary>The recorder of a request this scheduler holds (preempted, handed off).</summary>
    internal TimelineRecorder RecorderOf(int requestId) =>
        _states.TryGetValue(requestId, out var state) && state.Recorder is { } recorder
            ? recorder
            : throw new InvalidOperationException($"Request {requestId} has no recorder on this worker.");

    /// <summary>True when this scheduler holds <paramref name="requestId"/> in any state.</summary>
    internal bool Holds(int requestId) => _states.ContainsKey(requestId);

    /// <summary>The recorders of every request held here (a stopped run rejects them).</summary>
    internal IEnumerable<TimelineRecorder> HeldRecorders()
    {
        foreach (var state in _states.Values)
        {
            if (state.Recorder is { } recorder) yield return recorder;
        }
    }
}
