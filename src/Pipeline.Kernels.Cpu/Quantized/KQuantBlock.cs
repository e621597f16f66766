using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// One k-quant super-block as the fused kernels read it (256 values in four 64-value groups): the groups' values as
/// unsigned bytes, the sub-block scales of each group for the <c>vpmaddwd</c>, the per-16-value mins (or offsets)
/// against the activations' integer sums, and the block's scales. A kernel generic over a struct of this shape is
/// compiled once per format, so the format costs no branch in its loop.
/// </summary>
internal unsafe interface IKQuantBlock<TSelf> where TSelf : struct, IKQuantBlock<TSelf>
{
    /// <summary>Bytes of one block in the file.</summary>
    static abstract int Bytes { get; }

    /// <summary>Reads the scales of the block at <paramref name="block"/>.</summary>
    static abstract TSelf Open(byte* block);

    /// <summary>Values 64g..64g+63 as unsigned bytes.</summary>
    Vector512<byte> Values(int g);

    /// <summary>The sub-block scales of group <paramref name="g"/>, one i16 per pair of values.</summary>
    Vector512<short> Scales(int g);

    /// <summary>Each 16 values' min (or offset), against the activations' integer sums per 16.</summary>
    Vector512<int> Mins();

    /// <summary>The block's scale of the summed products.</summary>
    float D { get; }

    /// <summary>The block's scale of the mins term.</summary>
    float DMin { get; }
}

/// <summary>A Q4_K block (f16 d, f16 dmin, twelve scale bytes, 128 bytes of nibbles).</summary>
internal readonly unsafe struct Q4KBlock : IKQuantBlock<Q4KBlock>
{
    private readonly byte* _block;
    private readonly Q4KBlockScales _scales;
    private readonly Vector512<short> _subBlockScales;

    private Q4KBlock(byte* block)
    {
        _block = block;
        _scales = new Q4KBlockScales(block);
        _subBlockScales = _scales.All();
    }

    public static int Bytes => 144;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Q4KBlock Open(byte* block) => new(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<byte> Values(int g) => KQuantGroups.Q4K(_block, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<short> Scales(int g) => KQuantGroups.Q4KGroupScales(_subBlockScales, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<int> Mins() => _scales.MinsPerSixteen();

    public float D => WeightRowUnpacker.F16(_block);

    public float DMin => WeightRowUnpacker.F16(_block + 2);
}

/// <summary>A Q6_K block (128 bytes of low nibbles, 64 of high bits, sixteen int8 scales, f16 d); values stored as q + 32.</summary>
internal readonly unsafe struct Q6KBlock : IKQuantBlock<Q6KBlock>
{
    private readonly byte* _block;
    private readonly Vector512<short> _scales16;

    private Q6KBlock(byte* block)
    {
        _block = block;
        _scales16 = KQuantGroups.Q6KScales(block);
    }

    public static int Bytes => 210;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Q6KBlock Open(byte* block) => new(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<byte> Values(int g) => KQuantGroups.Q6K(_block, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<short> Scales(int g) => Avx512BW.PermuteVar32x16(_scales16, KQuantGroups.Q6KScaleLanes(g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<int> Mins() => KQuantGroups.Q6KOffsets(_block);

    public float D => WeightRowUnpacker.F16(_block + 208);

    // The offsets (32 x each sub-block's scale) take the same scale as the products.
    public float DMin => D;
}
