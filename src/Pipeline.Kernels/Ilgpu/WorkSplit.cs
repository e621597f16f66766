namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// How <see cref="Count"/> work items are spread over the launched threads: thread <c>i</c> handles items
/// <c>i * ThreadStep + t * ItemStep</c> for <c>t &lt; PerThread</c>. On the CPU accelerator each thread takes a
/// contiguous chunk (few threads, cache-friendly, and ILGPU's per-group scheduling cost is paid rarely); on a GPU
/// it is a grid-stride loop (adjacent threads touch adjacent items, so accesses coalesce).
/// </summary>
internal readonly record struct WorkSplit(int Count, int Threads, int ThreadStep, int ItemStep, int PerThread)
{
    /// <summary>Contiguous chunks over at most <paramref name="maxThreads"/> threads.</summary>
    public static WorkSplit Chunked(int count, int maxThreads)
    {
        var threads = Math.Max(1, Math.Min(count, maxThreads));
        var perThread = (count + threads - 1) / threads;
        threads = Math.Max(1, (count + perThread - 1) / Math.Max(perThread, 1));
        return new WorkSplit(count, threads, perThread, 1, perThread);
    }

    /// <summary>A grid-stride loop over at most <paramref name="maxThreads"/> threads.</summary>
    public static WorkSplit Strided(int count, int maxThreads)
    {
        var threads = Math.Max(1, Math.Min(count, maxThreads));
        return new WorkSplit(count, threads, 1, threads, (count + threads - 1) / threads);
    }
}
