using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Two 256-bit halves as one 512-bit vector with a single lane insert. <c>Vector512.Create(lower, upper)</c> compiles
/// (.NET 10) to a load of a stack temporary, two inserts and a store back, in every pass of a kernel's loop; the
/// quantised kernels ran 3-13% faster without it (benchmarks/README.md, session 16).
/// </summary>
internal static class VectorHalves
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Join<T>(Vector256<T> lower, Vector256<T> upper) => lower.ToVector512Unsafe().WithUpper(upper);
}
