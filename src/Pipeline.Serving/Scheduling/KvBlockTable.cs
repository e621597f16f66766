using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

/// <summary>
/// One sequence's KV blocks in a <see cref="KvCacheManager"/>, and the read-only view handed out with each step.
/// Blocks are only ever appended and a table is freed whole and never reused, so a view of its first <c>n</c> entries
/// stays what it was when handed out: a growth makes a new view (a few bytes) instead of copying the table (copies per
/// step per sequence dominated long simulations), and a full array is replaced, never overwritten. A scheduler keeps
/// its sequences' blocks and counts on their states after each growth, so a step reads no table.
/// </summary>
internal sealed class KvBlockTable(int capacity)
{
    private IReadOnlyList<int>? _view;

    public int[] Blocks { get; private set; } = new int[Math.Max(1, capacity)];

    public int Count { get; private set; }

    /// <summary>The blocks now, as a view that later growth does not change.</summary>
    public IReadOnlyList<int> View => _view ??= new ReadOnlySlice(Blocks, 0, Count);

    public void Add(int block)
    {
        if (Count == Blocks.Length)
        {
            var larger = new int[2 * Blocks.Length];
            Array.Copy(Blocks, larger, Count);
            Blocks = larger;
        }
        Blocks[Count++] = block;
        _view = null;
    }
}
