using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// A Q4_K block's eight 6-bit sub-block scales and mins, decoded from its twelve scale bytes as three words: those of
/// sub-blocks 0-3 sit in the low six bits of bytes 0-3 (scales) and 4-7 (mins); those of 4-7 are bytes 8-11's nibbles
/// with the top two bits of bytes 0-7 above them.
/// </summary>
internal readonly unsafe struct Q4KBlockScales
{
    private readonly uint _scalesLow, _scalesHigh, _minsLow, _minsHigh;

    /// <summary>Decodes the scales of the 144-byte block at <paramref name="block"/> (f16 d, f16 dmin, then the twelve bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Q4KBlockScales(byte* block)
    {
        uint u0 = Unsafe.ReadUnaligned<uint>(block + 4), u1 = Unsafe.ReadUnaligned<uint>(block + 8), u2 = Unsafe.ReadUnaligned<uint>(block + 12);
        _scalesLow = u0 & 0x3F3F3F3F;
        _minsLow = u1 & 0x3F3F3F3F;
        _scalesHigh = (u2 & 0x0F0F0F0F) | (((u0 >> 6) & 0x03030303) << 4);
        _minsHigh = ((u2 >> 4) & 0x0F0F0F0F) | (((u1 >> 6) & 0x03030303) << 4);
    }

    /// <summary>The eight sub-block scales as i16, lanes 0-7 (the rest undefined): <see cref="KQuantGroups.Q4KGroupScales"/> picks a group's from them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<short> All() =>
        Avx2.ConvertToVector256Int16(Vector128.CreateScalar(((ulong)_scalesHigh << 32) | _scalesLow).AsByte()).ToVector512Unsafe();

    /// <summary>Each sub-block's min, once for each of its two 16-value activation sums (16 lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<int> MinsPerSixteen() =>
        Avx512F.ConvertToVector512Int32(Ssse3.Shuffle(Vector128.Create(_minsLow, _minsHigh, 0u, 0u).AsByte(),
            Vector128.Create((byte)0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7)));
}
