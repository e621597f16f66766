using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Kernels.Tests;

/// <summary>
/// Every kernel of the ILGPU backend compiles to PTX for an H100/H200 (sm_90) without a GPU: what the CPU accelerator
/// cannot catch (intrinsics, shared or local memory, f16 loads the PTX backend rejects) fails here, before a lent GPU.
/// (ILGPU 1.5.3 emits PTX targeting sm_80 at most; the driver JIT-compiles it for sm_90.)
/// </summary>
public sealed class IlgpuPtxCompilationTests
{
    public static TheoryData<string> Kernels() =>
    [
        "Gemv<F32Weights>", "Gemv<F16Weights>", "Gemv<Q8Weights>", "Gemm<F32Weights>", "Gemm<F16Weights>", "Gemm<Q8Weights>",
        "Embed<F32Weights>", "Embed<F16Weights>", "Embed<Q8Weights>", "RmsNorm", "Rope", "SwiGlu", "Add", "AppendKv", "GatherRows",
        "Partial", "Combine", "Prefill", "Copy", "Read", "Fma",
    ];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx_for_a_sm_90_device(string kernel)
    {
        var (method, implicitlyGrouped) = Find(kernel);
        using var context = Context.Create(builder => IlgpuKernelBackend.CompilerOptions(builder)); // the settings CreateCuda uses
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_83, null);
        var entry = implicitlyGrouped ? EntryPointDescription.FromImplicitlyGroupedKernel(method) : EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        compiled.PTXAssembly.Should().Contain(".target sm_").And.Contain(".entry Kernel_");
    }

    private static (MethodInfo Method, bool ImplicitlyGrouped) Find(string name)
    {
        var open = name.IndexOf('<');
        var bare = open < 0 ? name : name[..open];
        var method = new[] { typeof(IlgpuKernels), typeof(IlgpuMatmulKernels), typeof(IlgpuAttentionKernels), typeof(IlgpuDecodeAttentionKernels), typeof(IlgpuDeviceProbe) }
            .Select(t => t.GetMethod(bare, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Single(m => m is not null)!;
        if (open >= 0)
        {
            var argument = typeof(IlgpuKernels).Assembly.GetType("Pipeline.Kernels.Ilgpu." + name[(open + 1)..^1], throwOnError: true)!;
            method = method.MakeGenericMethod(argument);
        }
        return (method, method.GetParameters().FirstOrDefault()?.ParameterType == typeof(Index1D));
    }
}
