using ILGPU;
using Half = ILGPU.Half;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// How a kernel reads one weight as f32. Kernels are generic over this interface with struct arguments, so ILGPU
/// compiles one specialised kernel per format: F16 and Q8_0 weights stay compressed in device memory (a decode step
/// streams 2 or 34/32 bytes per weight instead of 4) and are widened in registers.
/// </summary>
internal interface IWeightSource
{
    /// <summary>The weight at flat row-major <paramref name="index"/>, widened to f32.</summary>
    float Load(long index);
}

/// <summary>f32 weights, read as they are.</summary>
internal readonly struct F32Weights(ArrayView<float> values) : IWeightSource
{
    public ArrayView<float> Values { get; } = values;

    public float Load(long index) => Values[index];
}

/// <summary>IEEE f16 weights, widened on load.</summary>
internal readonly struct F16Weights(ArrayView<Half> values) : IWeightSource
{
    public ArrayView<Half> Values { get; } = values;

    public float Load(long index) => (float)Values[index];
}

/// <summary>GGML Q8_0: int8 quants and one f16 scale per 32 consecutive weights of a row (rows are whole blocks).</summary>
internal readonly struct Q8Weights(ArrayView<sbyte> quants, ArrayView<Half> scales) : IWeightSource
{
    public ArrayView<sbyte> Quants { get; } = quants;

    public ArrayView<Half> Scales { get; } = scales;

    public float Load(long index) => (float)Scales[index / HostMatrixDecoding.Q8BlockValues] * Quants[index];
}
