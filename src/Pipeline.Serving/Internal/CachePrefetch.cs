using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Serving.Internal;

/// <summary>
/// Hints that ask the cache for memory a loop will touch a few iterations later. A simulated step visits one line per
/// sequence that nothing else near it shares (its token array's slot, its timeline recorder); asked for ahead, those
/// misses overlap instead of each stalling the loop. Only hints: nothing is read, so a moved or collected object costs
/// a wasted fetch, no error; without SSE they do nothing.
/// </summary>
internal static class CachePrefetch
{
    /// <summary>The line holding <c>array[index]</c> (no bounds check; the caller keeps the index inside the array).</summary>
    public static unsafe void Element(int[] array, int index)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index)));
        }
    }

    /// <summary>The first two lines of an object (its header and first fields).</summary>
    public static unsafe void Object(object instance)
    {
        if (Sse.IsSupported)
        {
            var address = (byte*)Unsafe.As<object, nint>(ref instance);
            Sse.Prefetch0(address);
            Sse.Prefetch0(address + 64);
        }
    }
}
