using Pipeline.Core.Weights.Internal;

namespace Pipeline.Core.Weights;

public static partial class GgufHeaderReader
{
    /// <summary>
    /// A tokenizer array kept whole: its elements are scalars (strings as <see cref="string"/>, integers as
    /// <see cref="long"/>, floats as <see cref="double"/>, bools); every length is checked against the bytes left first,
    /// so memory stays bounded by the file's size.
    /// </summary>
    private static GgufArrayValues KeptArray(HeaderInput input, string key)
    {
        var (elementType, count, _) = ArrayPrefix(input, key, scalarsOnly: true);
        var items = new object[count];
        for (var i = 0UL; i < count; i++)
        {
            var elementAt = input.Position;
            items[i] = elementType == 8
                ? input.String($"element {i} of '{key}'", MaxValueBytes) ?? throw new HeaderError(elementAt, $"element {i} of '{key}' is longer than {MaxValueBytes} bytes")
                : Value(input, elementType, key, 1);
        }
        return new GgufArrayValues(elementType, items);
    }
}
