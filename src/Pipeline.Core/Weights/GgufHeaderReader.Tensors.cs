using Pipeline.Core.Weights.Internal;

namespace Pipeline.Core.Weights;

public static partial class GgufHeaderReader
{
    /// <summary>One tensor directory entry: name, 1 to 4 dimensions, a known ggml type, and its data offset.</summary>
    private static GgufTensorEntry Tensor(HeaderInput input, ulong index)
    {
        var at = input.Position;
        var name = input.String($"the name of tensor {index}", MaxKeyBytes) ?? throw new HeaderError(at, $"the name of tensor {index} is longer than {MaxKeyBytes} bytes");
        var count = input.U32($"the dimension count of '{name}'");
        if (count is 0 or > MaxDimensions) throw new HeaderError(input.Position - 4, $"tensor '{name}' has {count} dimensions (1 to {MaxDimensions})");
        var dimensions = new long[count];
        // A tensor's values cannot outnumber four per byte of the file (the densest known type packs about three).
        var limit = input.Length * 4;
        long values = 1;
        for (var d = 0; d < count; d++)
        {
            var size = input.U64($"dimension {d} of '{name}'");
            if (size == 0 || size > (ulong)limit || (long)size > limit / values)
            {
                throw new HeaderError(input.Position - 8, $"tensor '{name}' dimension {d} of {size} is more than a file of {input.Length} bytes can hold");
            }
            dimensions[d] = (long)size;
            values *= (long)size;
        }
        var typeAt = input.Position;
        var type = input.U32($"the type of '{name}'");
        if (!GgmlBlockGeometry.TryGet(type, out var size1))
        {
            throw new HeaderError(typeAt, $"tensor '{name}' has ggml type {type}, which Pipeline does not know ({GgmlBlockGeometry.Known})");
        }
        if (dimensions[0] % size1.BlockValues != 0)
        {
            throw new HeaderError(typeAt, $"{size1.Name} tensor '{name}' has rows of {dimensions[0]} values, not a multiple of its block of {size1.BlockValues}");
        }
        var offset = input.U64($"the data offset of '{name}'");
        if (offset > (ulong)input.Length) throw new HeaderError(input.Position - 8, $"truncated file: tensor '{name}' data offset {offset} lies past the end of the file ({input.Length} bytes)");
        return new GgufTensorEntry(name, dimensions, type, (long)offset, values / size1.BlockValues * size1.BlockBytes);
    }
}
