using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Every kernel of the backend, compiled and loaded once per accelerator (the weight-reading ones once per format).</summary>
internal sealed class IlgpuKernelSet
{
    public IlgpuKernelSet(Accelerator a)
    {
        Embed = new(Auto<F32Weights>(a), Auto<F16Weights>(a), Auto<Q8Weights>(a));
        Gemv = new(a.LoadStreamKernel<ArrayView<float>, F32Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemv),
            a.LoadStreamKernel<ArrayView<float>, F16Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemv),
            a.LoadStreamKernel<ArrayView<float>, Q8Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemv));
        Gemm = new(a.LoadStreamKernel<ArrayView<float>, F32Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemm),
            a.LoadStreamKernel<ArrayView<float>, F16Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemm),
            a.LoadStreamKernel<ArrayView<float>, Q8Weights, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemm));
        RmsNorm = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int>(IlgpuKernels.RmsNorm);
        Rope = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(IlgpuKernels.Rope);
        SwiGlu = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>>(IlgpuKernels.SwiGlu);
        Add = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>>(IlgpuKernels.Add);
        AppendKv = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, long>(IlgpuKernels.AppendKv);
        GatherRows = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<int>, ArrayView<float>, int>(IlgpuKernels.GatherRows);
        DecodePartial = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int, AttentionGeometry>(IlgpuDecodeAttentionKernels.Partial);
        DecodeCombine = a.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, AttentionGeometry>(IlgpuDecodeAttentionKernels.Combine);
        Prefill = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry>(IlgpuAttentionKernels.Prefill);
    }

    public ByFormat<Action<Index1D, WorkSplit, ArrayView<int>, F32Weights, ArrayView<float>, int>,
        Action<Index1D, WorkSplit, ArrayView<int>, F16Weights, ArrayView<float>, int>,
        Action<Index1D, WorkSplit, ArrayView<int>, Q8Weights, ArrayView<float>, int>> Embed { get; }
    public ByFormat<Action<KernelConfig, ArrayView<float>, F32Weights, ArrayView<float>, int, int, int>,
        Action<KernelConfig, ArrayView<float>, F16Weights, ArrayView<float>, int, int, int>,
        Action<KernelConfig, ArrayView<float>, Q8Weights, ArrayView<float>, int, int, int>> Gemv { get; }
    public ByFormat<Action<KernelConfig, ArrayView<float>, F32Weights, ArrayView<float>, int, int, int>,
        Action<KernelConfig, ArrayView<float>, F16Weights, ArrayView<float>, int, int, int>,
        Action<KernelConfig, ArrayView<float>, Q8Weights, ArrayView<float>, int, int, int>> Gemm { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int> RmsNorm { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> Rope { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>> SwiGlu { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>> Add { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, long> AppendKv { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<int>, ArrayView<float>, int> GatherRows { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int, AttentionGeometry> DecodePartial { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, AttentionGeometry> DecodeCombine { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry> Prefill { get; }

    private static Action<Index1D, WorkSplit, ArrayView<int>, TW, ArrayView<float>, int> Auto<TW>(Accelerator a)
        where TW : struct, IWeightSource =>
        a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<int>, TW, ArrayView<float>, int>(IlgpuKernels.Embed);
}

/// <summary>One compiled kernel per weight format.</summary>
internal sealed record ByFormat<TF32, TF16, TQ8>(TF32 F32, TF16 F16, TQ8 Q8);
