using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Serving.Internal;

/// <summary>
/// The tokens a simulated step sampled, by request, in batch order: two arrays instead of a hash table per step. Reads
/// in batch order (what <c>Scheduler.Update</c> does) hit the next slot at once; any other read searches.
/// </summary>
internal sealed class SampledTokenTable(int[] ids, int[] tokens, int count) : IReadOnlyDictionary<int, int>
{
    private int _cursor;

    public int Count => count;

    public int this[int key] => TryGetValue(key, out var token) ? token : throw new KeyNotFoundException($"No token was sampled for request {key}.");

    public IEnumerable<int> Keys => ids.Take(count);

    public IEnumerable<int> Values => tokens.Take(count);

    public bool ContainsKey(int key) => TryGetValue(key, out _);

    public bool TryGetValue(int key, [MaybeNullWhen(false)] out int value)
    {
        for (var n = 0; n < count; n++)
        {
            var i = _cursor + n < count ? _cursor + n : _cursor + n - count;
            if (ids[i] == key)
            {
                _cursor = i + 1 < count ? i + 1 : 0;
                value = tokens[i];
                return true;
            }
        }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<int, int>> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return new KeyValuePair<int, int>(ids[i], tokens[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
