using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Kernels.Cpu;

/// <summary>Per-thread pinned scratch buffers (decoded weight panels, attention scores), grown on demand and reused.</summary>
internal static unsafe class Scratch
{
    [ThreadStatic] private static float[]? t_panel;
    [ThreadStatic] private static float[]? t_scores;
    [ThreadStatic] private static float[]? t_packed;

    /// <summary>A buffer of at least <paramref name="length"/> floats for weight panels.</summary>
    public static float* Panel(int length) => Get(ref t_panel, length);

    /// <summary>A second buffer of at least <paramref name="length"/> floats (attention scores, row temporaries).</summary>
    public static float* Scores(int length) => Get(ref t_scores, length);

    /// <summary>A buffer for packed activations (filled by the caller's thread, read by every worker during one call).</summary>
    public static float* Packed(int length) => Get(ref t_packed, length);

    private static float* Get(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 1024), pinned: true);
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }
}
