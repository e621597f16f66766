using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// A weight matrix of the fast CPU backend, kept in its stored format so a decode step streams as few bytes
/// as the file holds: f32 as floats, f16 as halves (widened on the fly), Q8_0 as int8 values plus one f32
/// scale per block of 32 (the scale is widened once at upload; it is 4 of every 36 bytes streamed), Q4_0 and the
/// k-quants (Q4_K, Q5_K, Q6_K) as ggml's blocks byte for byte.
/// </summary>
internal sealed unsafe class CpuMatrix : DeviceMatrix
{
    public const int Q8Block = 32;

    private float[]? _f32;
    private Half[]? _f16;
    private sbyte[]? _q8;
    private float[]? _q8Scales;
    private byte[]? _blocks;

    private CpuMatrix(int rows, int cols, WeightFormat format)
    {
        Rows = rows;
        Cols = cols;
        Format = format;
    }

    /// <inheritdoc />
    public override int Rows { get; }

    /// <inheritdoc />
    public override int Cols { get; }

    public WeightFormat Format { get; }

    /// <inheritdoc />
    public override long StoredBytes => Format switch
    {
        WeightFormat.F32 => 4L * Rows * Cols,
        WeightFormat.F16 => 2L * Rows * Cols,
        WeightFormat.Q8_0 => (long)Rows * Cols + 4L * Rows * (Cols / Q8Block),
        _ => Rows * WeightBlocks.RowBytes(Format, Cols),
    };

    /// <summary>
    /// True when no f16 weight is Inf or NaN, so decode may widen halves with the short sign-extend/shift/scale
    /// sequence (<see cref="FiniteWidening"/>) instead of the exact one that also handles specials.
    /// </summary>
    public bool F16AllFinite { get; private set; }

    /// <summary>
    /// For a finite f16 matrix with few zeros and subnormals, where they are: products then widen every half as a
    /// normal number (<see cref="NormalWidening"/>) and add these back. Null otherwise.
    /// </summary>
    public ZeroExponentHalves? F16ZeroExponents { get; private set; }

    public float* F32 => Pin(_f32);

    public Half* F16 => Pin(_f16);

    public sbyte* Q8 => Pin(_q8);

    public float* Q8Scales => Pin(_q8Scales);

    /// <summary>The raw ggml blocks of Q4_0, Q4_K, Q5_K and Q6_K matrices, rows contiguous.</summary>
    public byte* Blocks => Pin(_blocks);

    public static CpuMatrix Upload(HostMatrix host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(host.Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(host.Cols);
        long count = (long)host.Rows * host.Cols;
        var matrix = new CpuMatrix(host.Rows, host.Cols, host.Format);
        var bytes = host.Data.Span;
        switch (host.Format)
        {
            case WeightFormat.F32:
                RequireBytes(bytes, count * 4);
                matrix._f32 = GC.AllocateUninitializedArray<float>(checked((int)count), pinned: true);
                MemoryMarshal.Cast<byte, float>(bytes[..(int)(count * 4)]).CopyTo(matrix._f32);
                break;
            case WeightFormat.F16:
                RequireBytes(bytes, count * 2);
                matrix._f16 = GC.AllocateUninitializedArray<Half>(checked((int)count), pinned: true);
                MemoryMarshal.Cast<byte, Half>(bytes[..(int)(count * 2)]).CopyTo(matrix._f16);
                matrix.F16AllFinite = !MemoryMarshal.Cast<byte, ushort>(bytes[..(int)(count * 2)]).ContainsAnyInRange((ushort)0x7C00, (ushort)0x7FFF)
                    && !MemoryMarshal.Cast<byte, ushort>(bytes[..(int)(count * 2)]).ContainsAnyInRange((ushort)0xFC00, (ushort)0xFFFF);
                if (matrix.F16AllFinite && Vector512.IsHardwareAccelerated)
                    matrix.F16ZeroExponents = ZeroExponentHalves.Find(MemoryMarshal.Cast<byte, ushort>(bytes[..(int)(count * 2)]), host.Rows, host.Cols);
                break;
            case WeightFormat.Q8_0:
                if (host.Cols % Q8Block != 0) throw new ArgumentException($"Q8_0 needs a column count divisible by {Q8Block}, got {host.Cols}.", nameof(host));
                int blocks = checked((int)(count / Q8Block));
                RequireBytes(bytes, (long)blocks * 34);
                matrix._q8 = GC.AllocateUninitializedArray<sbyte>(checked((int)count), pinned: true);
                matrix._q8Scales = GC.AllocateUninitializedArray<float>(blocks, pinned: true);
                for (int b = 0; b < blocks; b++)
                {
                    var block = bytes.Slice(b * 34, 34);
                    matrix._q8Scales[b] = (float)BitConverter.ToHalf(block[..2]);
                    MemoryMarshal.Cast<byte, sbyte>(block[2..]).CopyTo(matrix._q8.AsSpan(b * Q8Block, Q8Block));
                }
                break;
            case WeightFormat.Q4_0 or WeightFormat.Q4_K or WeightFormat.Q5_K or WeightFormat.Q6_K:
                if (!WeightBlocks.FitsRow(host.Format, host.Cols))
                {
                    throw new ArgumentException($"{host.Format} needs a column count divisible by {WeightBlocks.Values(host.Format)}, got {host.Cols}.", nameof(host));
                }
                long stored = host.Rows * WeightBlocks.RowBytes(host.Format, host.Cols);
                RequireBytes(bytes, stored);
                matrix._blocks = GC.AllocateUninitializedArray<byte>(checked((int)stored), pinned: true);
                bytes[..(int)stored].CopyTo(matrix._blocks);
                break;
            default:
                throw new ArgumentException($"Unsupported weight format {host.Format}.", nameof(host));
        }
        return matrix;
    }

    /// <summary>Widens rows <c>[row, row + count)</c> to f32 into <paramref name="destination"/> (row-major, <see cref="Cols"/> wide).</summary>
    public void DecodeRows(int row, int count, float* destination)
    {
        long offset = (long)row * Cols;
        int length = count * Cols;
        switch (Format)
        {
            case WeightFormat.F32:
                new ReadOnlySpan<float>(F32 + offset, length).CopyTo(new Span<float>(destination, length));
                break;
            case WeightFormat.F16 when F16ZeroExponents is { } zeroExponents:
                HalfConverter.ToSingle<NormalWidening>(F16 + offset, destination, length);
                zeroExponents.Correct(row, count, Cols, destination);
                break;
            case WeightFormat.F16 when F16AllFinite:
                HalfConverter.ToSingleFinite(F16 + offset, destination, length);
                break;
            case WeightFormat.F16:
                HalfConverter.ToSingle(F16 + offset, destination, length);
                break;
            case WeightFormat.Q8_0:
                Q8Dequantizer.ToSingle(Q8 + offset, Q8Scales + offset / Q8Block, destination, length);
                break;
            default:
                long rowBytes = WeightBlocks.RowBytes(Format, Cols);
                WeightBlocks.Decode(Format, new ReadOnlySpan<byte>(Blocks + row * rowBytes, (int)(count * rowBytes)), new Span<float>(destination, length));
                break;
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _f32 = null;
        _f16 = null;
        _q8 = null;
        _q8Scales = null;
        _blocks = null;
    }

    public static CpuMatrix From(DeviceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix as CpuMatrix ?? throw new ArgumentException($"Matrix {matrix.GetType().Name} does not belong to the fast CPU backend.", nameof(matrix));
    }

    private static void RequireBytes(ReadOnlySpan<byte> bytes, long needed)
    {
        if (bytes.Length < needed) throw new ArgumentException($"Weight data holds {bytes.Length} bytes, the shape needs {needed}.");
    }

    private static T* Pin<T>(T[]? array) where T : unmanaged =>
        array is null ? throw new ObjectDisposedException(nameof(CpuMatrix)) : (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
