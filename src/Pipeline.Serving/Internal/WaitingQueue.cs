namespace Pipeline.Serving.Internal;

/// <summary>
/// A scheduler's waiting requests, oldest first: a ring of references (8 bytes a request) rather than a linked list
/// (a 48-byte node each), since an Offline run queues every query at once. Preempted requests go back to the front.
/// </summary>
internal sealed class WaitingQueue
{
    private SequenceState[] _items = new SequenceState[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>The oldest waiting request, or null when none waits.</summary>
    public SequenceState? First => Count == 0 ? null : _items[_head];

    public void AddLast(SequenceState state)
    {
        Grow();
        _items[(_head + Count) % _items.Length] = state;
        Count++;
    }

    public void AddFirst(SequenceState state)
    {
        Grow();
        _head = (_head - 1 + _items.Length) % _items.Length;
        _items[_head] = state;
        Count++;
    }

    public void RemoveFirst()
    {
        if (Count == 0) throw new InvalidOperationException("No request is waiting.");
        _items[_head] = null!; // let a finished request go
        _head = (_head + 1) % _items.Length;
        Count--;
    }

    private void Grow()
    {
        if (Count < _items.Length) return;
        var items = new SequenceState[2 * _items.Length];
        for (var i = 0; i < Count; i++) items[i] = _items[(_head + i) % _items.Length];
        _items = items;
        _head = 0;
    }
}
