using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Sums across a warp with shuffles (no shared memory) and across a group through one shared slot per warp.</summary>
internal static class WarpReduce
{
    /// <summary>Most warps a group may have (1024 threads of 32, or the CPU accelerator's narrower warps in fewer threads).</summary>
    public const int MaxWarpsPerGroup = 32;

    /// <summary>Butterfly reduction: every lane returns the sum of <paramref name="value"/> over the warp.</summary>
    public static float Sum(float value)
    {
        for (var offset = Warp.WarpSize / 2; offset > 0; offset /= 2) value += Warp.ShuffleXor(value, offset);
        return value;
    }

    /// <summary>Every lane returns the maximum of <paramref name="value"/> over the warp.</summary>
    public static float Max(float value)
    {
        for (var offset = Warp.WarpSize / 2; offset > 0; offset /= 2) value = MathF.Max(value, Warp.ShuffleXor(value, offset));
        return value;
    }

    /// <summary>
    /// Every thread of the group returns the group's sum. <paramref name="slots"/> is shared memory with one slot per warp;
    /// all threads of the group must call this (it holds barriers).
    /// </summary>
    public static float GroupSum(float value, ArrayView<float> slots)
    {
        value = Sum(value);
        if (Warp.IsFirstLane) slots[Warp.WarpIdx] = value;
        Group.Barrier();
        var total = 0f;
        var warps = (Group.DimX + Warp.WarpSize - 1) / Warp.WarpSize;
        for (var w = 0; w < warps; w++) total += slots[w];
        Group.Barrier(); // the slots may be reused right after
        return total;
    }
}
