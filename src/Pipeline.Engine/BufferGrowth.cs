namespace Pipeline.Engine;

/// <summary>How the engine's per-step buffers grow: to at least 16 rows, doubling, so a growing batch does not reallocate on every step.</summary>
internal static class BufferGrowth
{
    /// <summary>The rows to allocate for <paramref name="rows"/> when the buffers hold <paramref name="current"/> (0 before the first step).</summary>
    public static int Capacity(int current, int rows) => Math.Max(rows, Math.Max(16, current * 2));
}
