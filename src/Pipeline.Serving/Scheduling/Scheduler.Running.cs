using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

/// <summary>The running list and its slots in the <see cref="RunningSet"/>: joining, leaving and finding by age.</summary>
public sealed partial class Scheduler
{
    private void AddRunning(SequenceState state)
    {
        state.Status = SequenceStatus.Running;
        var index = RunningIndexOf(state.Request.ArrivalTime, state.Id);
        index = index < 0 ? ~index : index;
        state.EnterSlot(_set);
        _running.Insert(index, state);
        _runningSlots.Insert(index, state.Slot);
    }

    /// <summary>
    /// Where a request of this age is, or goes, in the running list (its index, else the complement of where it goes, as
    /// <see cref="List{T}.BinarySearch(T, IComparer{T})"/> with <see cref="SequenceState.CompareAge"/>): the search reads the
    /// slots' ages, not the states.
    /// </summary>
    private int RunningIndexOf(double arrival, int id)
    {
        var (lo, hi) = (0, _runningSlots.Count - 1);
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var slot = _runningSlots[mid];
            var order = _set.Arrival[slot].CompareTo(arrival);
            if (order == 0) order = _set.Ids[slot].CompareTo(id);
            if (order == 0) return mid;
            if (order < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Takes the running request at <paramref name="index"/> out of the running list and gives its slot back.</summary>
    private void RemoveRunningAt(int index)
    {
        var state = _running[index];
        _running.RemoveAt(index);
        _runningSlots.RemoveAt(index);
        state.LeaveSlot();
    }

    /// <summary>Takes the requests that finished or were handed off out of the running list; order is kept.</summary>
    /// <remarks>A few are found by age (a binary search reads a dozen states, where one pass over the list reads every running
    /// one); many at once leave in one pass.</remarks>
    private void LeaveRunning(List<SequenceState> leaving)
    {
        if (leaving.Count > 16)
        {
            var kept = 0;
            for (var i = 0; i < _running.Count; i++)
            {
                var state = _running[i];
                if (state.Status == SequenceStatus.Running)
                {
                    (_running[kept], _runningSlots[kept]) = (state, _runningSlots[i]);
                    kept++;
                }
                else
                {
                    state.LeaveSlot();
                }
            }
            _running.RemoveRange(kept, _running.Count - kept);
            _runningSlots.RemoveRange(kept, _runningSlots.Count - kept);
        }
        else
        {
            foreach (var state in leaving)
            {
                var index = RunningIndexOf(state.Request.ArrivalTime, state.Id);
                if (index < 0 || _running[index] != state) throw new InvalidOperationException($"Request {state.Id} left but was not running.");
                RemoveRunningAt(index);
            }
        }
        leaving.Clear();
    }
}
