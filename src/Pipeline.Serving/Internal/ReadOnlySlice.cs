using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>
/// A read-only view of <c>count</c> entries of an array from <c>start</c>. The scheduler hands these out for storage that
/// is only ever appended to (a sequence's tokens, a block table), so the viewed entries never change: a view costs a
/// few bytes where a copy cost the whole range, step after step. Unlike <see cref="ArraySegment{T}"/> it cannot be cast
/// back to a writable list.
/// </summary>
internal sealed class ReadOnlySlice(int[] array, int start, int count) : IReadOnlyList<int>
{
    public int Count => count;

    public int this[int index] => (uint)index < (uint)count ? array[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return array[start + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
