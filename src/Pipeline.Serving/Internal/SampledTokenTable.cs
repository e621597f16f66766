using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Internal;

/// <summary>
/// The tokens a simulated step sampled, by request, in batch order: read off the batch's sequences when asked (a sampled
/// token is a hash of the request and its position), so a step stores nothing per sequence. Reads in batch order (what
/// <c>Scheduler.Update</c> does) hit the next sampling sequence at once; any other read searches.
/// </summary>
/// <param name="sequences">The step's sequences; those that sample have a token.</param>
/// <param name="count">How many of them sample.</param>
/// <param name="vocabulary">The model's vocabulary size.</param>
internal sealed class SampledTokenTable(ArraySegment<ScheduledSequence> sequences, int count, int vocabulary) : IReadOnlyDictionary<int, int>
{
    private int _cursor;

    public int Count => count;

    public int this[int key] => TryGetValue(key, out var token) ? token : throw new KeyNotFoundException($"No token was sampled for request {key}.");

    public IEnumerable<int> Keys => this.Select(pair => pair.Key);

    public IEnumerable<int> Values => this.Select(pair => pair.Value);

    public bool ContainsKey(int key) => TryGetValue(key, out _);

    public bool TryGetValue(int key, [MaybeNullWhen(false)] out int value)
    {
        var span = sequences.AsSpan();
        var n = span.Length;
        for (var k = 0; k < n; k++)
        {
            var i = _cursor + k < n ? _cursor + k : _cursor + k - n;
            ref readonly var sequence = ref span[i];
            if (sequence.Samples && sequence.RequestId == key)
            {
                _cursor = i + 1 < n ? i + 1 : 0;
                value = Token(sequence.RequestId, sequence.ContextLength, vocabulary);
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <summary>True when the table reads these very sequences (the batch an update applies).</summary>
    public bool IsOver(ArraySegment<ScheduledSequence> batch) =>
        batch.Array == sequences.Array && batch.Offset == sequences.Offset && batch.Count == sequences.Count;

    /// <summary>The token of a sampling sequence of the batch: what <see cref="TryGetValue"/> finds for its request, without the search.</summary>
    public int TokenOf(in ScheduledSequence sequence) => Token(sequence.RequestId, sequence.ContextLength, vocabulary);

    public IEnumerator<KeyValuePair<int, int>> GetEnumerator()
    {
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Samples) yield return new KeyValuePair<int, int>(sequence.RequestId, Token(sequence.RequestId, sequence.ContextLength, vocabulary));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The simulator's token at <paramref name="position"/> of a request: a deterministic hash (it has no weights).</summary>
    public static int Token(int requestId, int position, int vocabulary)
    {
        var h = (ulong)(uint)requestId * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)position * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        return (int)(h % (ulong)vocabulary);
    }
}
