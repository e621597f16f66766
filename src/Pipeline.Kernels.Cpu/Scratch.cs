using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Kernels.Cpu;

/// <summary>Per-thread pinned scratch buffers (decoded weight panels, attention scores), grown on demand and reused.</summary>
internal static unsafe class Scratch
{
    [ThreadStatic] private static float[]? t_panel;
    [ThreadStatic] private static float[]? t_scores;

    /// <summary>A buffer of at least <paramref name="length"/> floats for weight panels.</summary>
    public static float* Panel(int length) => Get(ref t_panel, length);

    /// <summary>A second buffer of at least <paramref name="length"/> floats (attention scores, row temporaries).</summary>
    public static float* Scores(int length) => Get(ref t_scores, length);

    private static float* Get(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 1024), pinned: true);
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }
}
