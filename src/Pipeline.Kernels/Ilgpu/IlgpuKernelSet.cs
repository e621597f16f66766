using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Every kernel of the backend, compiled and loaded once per accelerator.</summary>
internal sealed class IlgpuKernelSet
{
    public IlgpuKernelSet(Accelerator a)
    {
        Embed = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<int>, ArrayView<float>, ArrayView<float>, int>(IlgpuKernels.Embed);
        RmsNorm = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(IlgpuKernels.RmsNorm);
        Rope = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(IlgpuKernels.Rope);
        SwiGlu = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>>(IlgpuKernels.SwiGlu);
        Add = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>>(IlgpuKernels.Add);
        AppendKv = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, long>(IlgpuKernels.AppendKv);
        GatherRows = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<int>, ArrayView<float>, int>(IlgpuKernels.GatherRows);
        Gemv = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemv);
        Gemm = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(IlgpuMatmulKernels.Gemm);
        Decode = a.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry>(IlgpuAttentionKernels.Decode);
        Prefill = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry>(IlgpuAttentionKernels.Prefill);
    }

    public Action<Index1D, WorkSplit, ArrayView<int>, ArrayView<float>, ArrayView<float>, int> Embed { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float> RmsNorm { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> Rope { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>> SwiGlu { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>> Add { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, long> AppendKv { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<int>, ArrayView<float>, int> GatherRows { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> Gemv { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> Gemm { get; }
    public Action<Index1D, WorkSplit, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry> Decode { get; }
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, AttentionGeometry> Prefill { get; }
}
