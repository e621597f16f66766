namespace Pipeline.Core.Weights;

/// <summary>
/// Block geometry of the ggml tensor types (ggml's <c>type_traits</c>: values per block and bytes per block), so the
/// header check can tell where each tensor's data ends without knowing how to decode it. The one home of these
/// numbers: the kernels' <c>WeightBlocks</c> reads its formats' geometry here. Which types a backend can execute is
/// the engine's business, not this table's.
/// </summary>
public static class GgmlBlockGeometry
{
    private static readonly Dictionary<uint, (string Name, int BlockValues, int BlockBytes)> s_types = new()
    {
        [0] = ("F32", 1, 4),
        [1] = ("F16", 1, 2),
        [2] = ("Q4_0", 32, 18),
        [3] = ("Q4_1", 32, 20),
        [6] = ("Q5_0", 32, 22),
        [7] = ("Q5_1", 32, 24),
        [8] = ("Q8_0", 32, 34),
        [9] = ("Q8_1", 32, 36),
        [10] = ("Q2_K", 256, 84),
        [11] = ("Q3_K", 256, 110),
        [12] = ("Q4_K", 256, 144),
        [13] = ("Q5_K", 256, 176),
        [14] = ("Q6_K", 256, 210),
        [15] = ("Q8_K", 256, 292),
        [24] = ("I8", 1, 1),
        [25] = ("I16", 1, 2),
        [26] = ("I32", 1, 4),
        [27] = ("I64", 1, 8),
        [28] = ("F64", 1, 8),
        [30] = ("BF16", 1, 2),
    };

    /// <summary>The name, values per block and bytes per block of ggml type <paramref name="type"/>, if it is known.</summary>
    public static bool TryGet(uint type, out (string Name, int BlockValues, int BlockBytes) size) => s_types.TryGetValue(type, out size);

    /// <summary>Every known type as "NAME = number", for messages.</summary>
    public static string Known => string.Join(", ", s_types.Select(t => $"{t.Value.Name} = {t.Key}"));
}
