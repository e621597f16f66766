using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Software prefetch of a weight stream one pass ahead, spread over the pass's steps: a decode product's loop asks for
/// the lines of its next pass while it computes this one. With the hardware prefetcher alone, this machine's cold
/// (DRAM) products ran at hot time plus streaming time, the reads serialised with the arithmetic: a 2816x1024 Q4_K
/// product took 1.6x its cache-hot time, with the prefetch 1.05-1.1x (benchmarks/README.md, "Prefetching").
/// </summary>
internal readonly unsafe struct StreamPrefetch
{
    private readonly byte* _ahead;
    private readonly int _linesPerStep;

    /// <summary>Prefetches <paramref name="bytes"/> from <paramref name="ahead"/> over <paramref name="steps"/> calls of <see cref="Step"/>.</summary>
    public StreamPrefetch(void* ahead, long bytes, int steps)
    {
        _ahead = (byte*)ahead;
        _linesPerStep = (int)(((bytes + 63) / 64 + steps - 1) / Math.Max(1, steps));
    }

    /// <summary>Requests step <paramref name="step"/>'s share of the lines (a prefetch never faults, so the last pass may run past the matrix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(int step)
    {
        byte* p = _ahead + (long)step * _linesPerStep * 64;
        for (int l = 0; l < _linesPerStep; l++) Sse.Prefetch0(p + l * 64);
    }
}
