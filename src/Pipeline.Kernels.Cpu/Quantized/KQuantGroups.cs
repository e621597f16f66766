using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// The k-quant blocks widened in registers, 64 values (one <c>vpmaddubsw</c>) at a time, for the fused kernels
/// (<see cref="FusedKQuantDots"/>, <see cref="FusedKQuantDots4"/>, <see cref="FusedKQuantGemv4"/>): the values as
/// unsigned bytes, and the sub-block scales laid out for the <c>vpmaddwd</c> that widens the pair sums.
/// </summary>
internal static unsafe class KQuantGroups
{
    /// <summary>
    /// Values 64g..64g+63 of a Q4_K block: the low nibbles of its 32 bytes, then the high ones. The 32 bytes are
    /// broadcast to both halves by the load itself and each half shifted by its own count (0, then 4), two vector
    /// operations where a mask, a shift, a mask and a lane insert were four (the insert on the shuffle port).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Q4K(byte* block, int g)
    {
        var q = Vector512.Create(Vector256.Load(block + 16 + g * 32)).AsUInt16();
        var shifts = Vector512.Create((ushort)0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        return Avx512BW.ShiftRightLogicalVariable(q, shifts).AsByte() & Vector512.Create((byte)0x0F);
    }

    /// <summary>
    /// The multipliers of group <paramref name="g"/>'s i16 pair sums from a Q4_K block's eight sub-block scales
    /// (<see cref="Q4KBlockScales.All"/>): sub-block 2g's in lanes 0-15, 2g + 1's in 16-31. One permute per group where
    /// two scalar extractions, two broadcasts and a lane insert were about seven operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Q4KGroupScales(Vector512<short> scales, int g) =>
        Avx512BW.PermuteVar32x16(scales,
            Vector512.Create((short)0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) + Vector512.Create((short)(2 * g)));

    /// <summary>A Q6_K block's sixteen int8 sub-block scales widened to i16 (lanes 0-15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Q6KScales(byte* block) => Avx2.ConvertToVector256Int16(Vector128.Load((sbyte*)(block + 192))).ToVector512Unsafe();

    /// <summary>The scale lanes of 64-value group <paramref name="group"/>: eight i16 pair sums per 16-value sub-block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Q6KScaleLanes(int group) =>
        Vector512.Create((short)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3) + Vector512.Create((short)(group * 4));

    /// <summary>
    /// Values 64g..64g+63 of a Q6_K block (q + 32, six bits): group g = 2n + pair takes nibble 4 x pair of the low bytes
    /// 64n..64n+63 and bits 4 x pair (first 32 values) and 4 x pair + 2 (last 32) of the high bytes 128 + 32n. Built at
    /// 512 bits from one load of the low bytes and a broadcast of the high ones (no lane insert: the shuffle port is
    /// this kernel's bottleneck, with the scale permutes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Q6K(byte* block, int group)
    {
        int n = group >> 1, shift = 4 * (group & 1);
        var ql = Vector512.Load(block + n * 64).AsUInt16();
        var qh = Vector512.Create(Vector256.Load(block + 128 + n * 32)).AsUInt16();
        var highShift = Vector512.Create(Vector256.Create((ushort)shift), Vector256.Create((ushort)(shift + 2)));
        var low = (ql >>> shift).AsByte() & Vector512.Create((byte)0x0F);
        var high = ((Avx512BW.ShiftRightLogicalVariable(qh, highShift).AsByte() & Vector512.Create((byte)3)).AsUInt16() << 4).AsByte();
        return low | high;
    }

    /// <summary>The stored values are q + 32: each sub-block's offset is 32 x its scale against the row's 16-value sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Q6KOffsets(byte* block) => Avx512F.ConvertToVector512Int32(Vector128.Load((sbyte*)(block + 192))) * Vector512.Create(32);
}
