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
        var elementType = input.U32($"the element type of '{key}'");
        var at = input.Position;
        var count = input.U64($"the length of '{key}'");
        var minimum = elementType switch
        {
            0 or 1 or 7 => 1,
            2 or 3 => 2,
            4 or 5 or 6 => 4,
            8 or 10 or 11 or 12 => 8,
            9 => throw new HeaderError(at - 4, $"array '{key}' holds arrays; a tokenizer array holds scalars"),
            _ => throw new HeaderError(at - 4, $"array '{key}' has unknown element type {elementType}"),
        };
        if (count > (ulong)(input.Remaining / minimum)) throw new HeaderError(at, $"truncated header: array '{key}' claims {count} elements, more than the {input.Remaining} bytes left can hold");
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
