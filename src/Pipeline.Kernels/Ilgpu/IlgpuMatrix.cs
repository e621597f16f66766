using ILGPU;
using ILGPU.Runtime;
using Half = ILGPU.Half;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// A weight matrix on an ILGPU accelerator in its host format: f32 values, f16 values, or Q8_0 as int8 quants beside
/// their f16 block scales (split in two arrays so the quants of a row stay contiguous for coalesced loads).
/// </summary>
internal sealed class IlgpuMatrix : DeviceMatrix
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _floats;
    private readonly MemoryBuffer1D<Half, Stride1D.Dense>? _halves;
    private readonly MemoryBuffer1D<sbyte, Stride1D.Dense>? _quants;

    public IlgpuMatrix(IlgpuKernelBackend owner, int rows, int cols, WeightFormat format,
        MemoryBuffer1D<float, Stride1D.Dense>? floats, MemoryBuffer1D<Half, Stride1D.Dense>? halves, MemoryBuffer1D<sbyte, Stride1D.Dense>? quants)
    {
        Owner = owner;
        Rows = rows;
        Cols = cols;
        Format = format;
        _floats = floats;
        _halves = halves;
        _quants = quants;
    }

    public IlgpuKernelBackend Owner { get; }

    public WeightFormat Format { get; }

    public override int Rows { get; }

    public override int Cols { get; }

    /// <summary>The bytes a kernel streams: the host format's size (f32 4, f16 2, Q8_0 34 per 32 weights).</summary>
    public override long StoredBytes => HostMatrixDecoding.ByteLength(Format, Rows, Cols);

    public F32Weights F32 => new(_floats!.View);

    public F16Weights F16 => new(_halves!.View);

    public Q8Weights Q8 => new(_quants!.View, _halves!.View);

    public override void Dispose()
    {
        _floats?.Dispose();
        _halves?.Dispose();
        _quants?.Dispose();
    }
}
