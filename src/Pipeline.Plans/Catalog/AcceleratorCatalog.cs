using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Plans.Catalog;

/// <summary>
/// Built-in accelerators with dense datasheet figures, and nominal figures for the local machine.
/// FLOPS are DENSE peak tensor-core rates: datasheets often headline the 2:4 structured-sparsity figure,
/// which is exactly twice the dense one; the sparse figure is noted beside each entry and never used.
/// f32 is the non-tensor-core (vector/SIMT) rate. GB = 1e9 bytes, TB/s = 1e12 bytes per second.
/// Memory is the capacity the driver reports, in bytes, not the datasheet's round figure: vendors quote memory in
/// binary gigabytes, so an H100 "80 GB" exposes 81,559 MiB = 85.52 GB (nvidia-smi; NVIDIA/nccl#1264,
/// modal-labs/modal-client#2797, thundergolfer.com/blog/nvidia-gpu-memory-capacity: H200 143,771 MiB = 150.75 GB,
/// A100 80GB 81,920 MiB, L40S 46,068 MiB), an MI300X "192 GB" 206,141,652,992 bytes (rocm-smi, NPS1/SPX as MLPerf ran
/// it; ROCm/legacy-rocm-build#4750), an H100 NVL "94 GB" 99,961,274,368 bytes (fastfetch-cli/fastfetch#1658), a GH200
/// "144G HBM3e" 153,008,209,920 bytes (cuDeviceTotalMem). Where no reading was found (H200 NVL: the H200's HBM3e;
/// MI325X 256, B200 180, GB200 186 "GB") the figure is read as binary gigabytes, as its siblings' readings are.
/// </summary>
public static class AcceleratorCatalog
{
    private static readonly AcceleratorSpec[] Entries =
    [
        // NVIDIA H100 SXM5 datasheet: bf16/f16 989.4 dense (1,978.9 sparse), fp8 1,978.9 dense (3,957.8 sparse),
        // fp32 66.9 (non-tensor); HBM3 3.35 TB/s, 80 GB; NVLink 4 900 GB/s; 132 SMs; TDP 700 W.
        Spec("h100-sxm", bf16: 989.4e12, fp8: 1978.9e12, f32: 66.9e12, bandwidth: 3.35e12, memory: 85_520_809_984, link: 900e9, "nvlink4", "nvidia-hopper", 132, 700),
        // NVIDIA H100 NVL datasheet (per GPU): bf16 835.5 dense (1,671 sparse), fp8 1,670.5 dense (3,341 sparse), fp32 60;
        // HBM3 3.9 TB/s, 94 GB; NVLink bridge 600 GB/s; 132 SMs; TDP 350-400 W (400 used).
        Spec("h100-nvl", bf16: 835.5e12, fp8: 1670.5e12, f32: 60e12, bandwidth: 3.9e12, memory: 99_961_274_368, link: 600e9, "nvlink4", "nvidia-hopper", 132, 400),
        // NVIDIA H100 PCIe datasheet: bf16 756 dense (1,513 sparse), fp8 1,513 dense (3,026 sparse), fp32 51; HBM2e
        // 2 TB/s, 80 GB (the H100 SXM's 81,559 MiB reading: the same five 16 GB stacks); NVLink bridge 600 GB/s; 114 SMs;
        // TDP 300-350 W (350 used).
        Spec("h100-pcie", bf16: 756.5e12, fp8: 1513e12, f32: 51.2e12, bandwidth: 2.0e12, memory: 85_520_809_984, link: 600e9, "nvlink4", "nvidia-hopper", 114, 350),
        // NVIDIA H200 SXM datasheet: same compute as H100 SXM; HBM3e 4.8 TB/s, 141 GB; NVLink 4 900 GB/s; 132 SMs; TDP 700 W.
        // MLPerf's H200-SXM-141GB-CTS is this part at 1,000 W: `accelerator h200-cts { base = h200  power = 1000 W }`.
        Spec("h200", bf16: 989.4e12, fp8: 1978.9e12, f32: 66.9e12, bandwidth: 4.8e12, memory: 150_754_820_096, link: 900e9, "nvlink4", "nvidia-hopper", 132, 700),
        // NVIDIA H200 NVL datasheet: bf16 835.5 dense (1,671 sparse), fp8 1,670.5 dense (3,341 sparse), fp32 60;
        // HBM3e 4.8 TB/s, 141 GB; NVLink bridge 900 GB/s; 132 SMs; TDP up to 600 W.
        Spec("h200-nvl", bf16: 835.5e12, fp8: 1670.5e12, f32: 60e12, bandwidth: 4.8e12, memory: 150_754_820_096, link: 900e9, "nvlink4", "nvidia-hopper", 132, 600),
        // NVIDIA GH200 Grace Hopper (144 GB HBM3e version), GPU side: H100 compute; HBM3e 4.9 TB/s, 144 GB; NVLink-C2C
        // 900 GB/s to the CPU; 132 SMs; the module's power is configurable (450-1,000 W), rated here as the H100's 700 W.
        Spec("gh200", bf16: 989.4e12, fp8: 1978.9e12, f32: 66.9e12, bandwidth: 4.9e12, memory: 153_008_209_920, link: 900e9, "nvlink4", "nvidia-hopper", 132, 700),
        // NVIDIA A100 80GB SXM datasheet: bf16/f16 312 dense (624 sparse), no fp8 tensor cores, fp32 19.5;
        // HBM2e 2,039 GB/s, 80 GB; NVLink 3 600 GB/s; 108 SMs; TDP 400 W.
        Spec("a100-80gb", bf16: 312e12, fp8: null, f32: 19.5e12, bandwidth: 2.039e12, memory: 85_899_345_920, link: 600e9, "nvlink3", "nvidia-ampere", 108, 400),
        // AMD Instinct MI300X datasheet: bf16/f16 1,307.4 dense (2,614.9 sparse), fp8 2,614.9 dense (5,229.8 sparse),
        // fp32 vector 163.4; HBM3 5.3 TB/s, 192 GB; Infinity Fabric 7 links x 128 GB/s = 896 GB/s; 304 CUs; TBP 750 W.
        Spec("mi300x", bf16: 1307.4e12, fp8: 2614.9e12, f32: 163.4e12, bandwidth: 5.3e12, memory: 206_141_652_992, link: 896e9, "infinity-fabric", "amd-cdna3", 304, 750),
        // AMD Instinct MI325X datasheet: MI300X's compute (fp8 2,614.9 dense); HBM3e 6 TB/s, 256 GB; 896 GB/s
        // Infinity Fabric; 304 CUs; TBP 1,000 W.
        Spec("mi325x", bf16: 1307.4e12, fp8: 2614.9e12, f32: 163.4e12, bandwidth: 6e12, memory: 274_877_906_944, link: 896e9, "infinity-fabric", "amd-cdna3", 304, 1000),
        // NVIDIA HGX B200 (per GPU): bf16/f16 2.25 PF dense (4.5 sparse), fp8 4.5 PF dense (9 sparse), fp4 9 PF dense
        // (18 sparse; HGX B200 datasheet: 144 PF fp4 sparse per 8 GPUs); HBM3e 8 TB/s,
        // 180 GB (HGX configuration); NVLink 5 1.8 TB/s; 148 SMs; TDP 1,000 W. fp32 ~80 TFLOPS: NVIDIA publishes no firm
        // figure (~75-80 quoted by secondary sources) -- treat as approximate.
        Spec("b200", bf16: 2250e12, fp8: 4500e12, f32: 80e12, bandwidth: 8e12, memory: 193_273_528_320, link: 1800e9, "nvlink5", "nvidia-blackwell", 148, 1000, fp4: 9000e12),
        // NVIDIA GB200 NVL72 (per Blackwell GPU): bf16 2.5 PF dense (5 sparse), fp8 5 PF dense (10 sparse), fp4 10 PF
        // dense (20 sparse; NVL72 datasheet: 1,440 PF fp4 sparse per 72 GPUs); HBM3e
        // 8 TB/s, 186 GB (13.4 TB per 72 GPUs); NVLink 5 1.8 TB/s; 148 SMs; ~1,200 W per GPU.
        Spec("gb200", bf16: 2500e12, fp8: 5000e12, f32: 80e12, bandwidth: 8e12, memory: 199_715_979_264, link: 1800e9, "nvlink5", "nvidia-blackwell", 148, 1200, fp4: 10000e12),
        // NVIDIA L40S datasheet: bf16/f16 362.05 dense (733 sparse; rounded to 362 here), fp8 733 dense (1,466 sparse), fp32 91.6;
        // GDDR6 864 GB/s, 48 GB; no NVLink: PCIe Gen4 x16, 64 GB/s; 142 SMs; TDP 350 W.
        Spec("l40s", bf16: 362e12, fp8: 733e12, f32: 91.6e12, bandwidth: 864e9, memory: 48_305_799_168, link: 64e9, "pcie-gen4", "nvidia-ada", 142, 350),
    ];

    // One instance per backend, so two plans that name the same local backend hold equal (identical) specs.
    private static readonly AcceleratorSpec LocalAuto = LocalSpec("local-auto", 0.5e12, 50e9, 16e9, 50e9, "shared-memory", LocalBackend.Auto);
    private static readonly AcceleratorSpec LocalCpu = LocalSpec("local-cpu", 0.5e12, 50e9, 16e9, 50e9, "shared-memory", LocalBackend.Cpu);
    private static readonly AcceleratorSpec LocalIlgpuCpu = LocalSpec("local-ilgpu-cpu", 0.02e12, 50e9, 16e9, 50e9, "shared-memory", LocalBackend.IlgpuCpu);
    private static readonly AcceleratorSpec LocalCuda = LocalSpec("local-cuda", 50e12, 2e12, 80e9, 64e9, "pcie-gen5", LocalBackend.Cuda);

    private static readonly Dictionary<string, AcceleratorSpec> ByName =
        Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Names of the built-in accelerators, in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>Looks up a built-in accelerator by its exact (lower-case) name.</summary>
    /// <param name="name">Catalogue name, e.g. <c>h100-sxm</c>.</param>
    /// <param name="spec">The accelerator's figures when found.</param>
    /// <returns>True when the name is a built-in accelerator.</returns>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out spec);
    }

    /// <summary>
    /// Nominal planning figures for "this machine" running <paramref name="backend"/>. They are fixed round numbers,
    /// deliberately NOT measured, so that plans are deterministic and snapshot-testable; execute mode measures reality.
    /// <list type="bullet">
    /// <item><c>local-cpu</c> (and <c>local-auto</c>, which plans as the CPU): 0.5 TFLOPS in every float type
    /// (bf16/f16 are widened to f32 on the CPU), 50 GB/s DRAM, 16 GB.</item>
    /// <item><c>local-ilgpu-cpu</c>: 0.02 TFLOPS (ILGPU's CPU accelerator is scalar), 50 GB/s, 16 GB.</item>
    /// <item><c>local-cuda</c>: 50 TFLOPS (ILGPU kernels use SIMT cores, not tensor cores), 2 TB/s, 80 GB, PCIe Gen5 64 GB/s.</item>
    /// </list>
    /// No local backend executes fp8, so fp8 is absent (unsupported).
    /// </summary>
    /// <param name="backend">The local backend.</param>
    /// <returns>The nominal figures, with <see cref="AcceleratorSpec.Local"/> set to <paramref name="backend"/>.</returns>
    public static AcceleratorSpec Local(LocalBackend backend) => backend switch
    {
        LocalBackend.Auto => LocalAuto,
        LocalBackend.Cpu => LocalCpu,
        LocalBackend.IlgpuCpu => LocalIlgpuCpu,
        LocalBackend.Cuda => LocalCuda,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    private static AcceleratorSpec Spec(
        string name, double bf16, double? fp8, double f32, double bandwidth, double memory, double link, string interconnect,
        string family, int computeUnits, double ratedPower, double? fp4 = null)
    {
        // Insertion order is fixed (f32, f16, bf16, fp8, fp4) so anything enumerating the dictionary is stable.
        var flops = new Dictionary<DType, double>
        {
            [DType.F32] = f32,
            [DType.F16] = bf16,
            [DType.BF16] = bf16,
        };
        if (fp8 is { } f8)
        {
            flops[DType.FP8] = f8;
        }
        // Dense fp4 tensor-core rates exist on Blackwell only; elsewhere fp4 is unsupported (PL0306).
        if (fp4 is { } f4)
        {
            flops[DType.FP4] = f4;
        }

        // Read-only view: the specs are shared, so no caller may change a catalogue figure through a cast.
        return new AcceleratorSpec(name, flops.AsReadOnly(), bandwidth, memory, link, interconnect)
        {
            Family = family,
            ComputeUnits = computeUnits,
            RatedPower = ratedPower,
            Cost = FamilyCost(family),
            CostSource = CostFamilies.Source(family),
            Price = AcceleratorPrices.Of(name),
        };
    }

    /// <summary>The default cost parameters of an accelerator family (<see cref="CostFamilies"/>).</summary>
    public static CostParameters FamilyCost(string family) => family switch
    {
        "nvidia-hopper" => CostFamilies.NvidiaHopper,
        "nvidia-blackwell" => CostFamilies.NvidiaBlackwell,
        "amd-cdna3" => CostFamilies.AmdCdna3,
        "local" => CostFamilies.Local,
        _ => CostFamilies.Generic,
    };

    private static AcceleratorSpec LocalSpec(
        string name, double flopsPerSecond, double bandwidth, double memory, double link, string interconnect, LocalBackend backend)
    {
        var flops = new Dictionary<DType, double>
        {
            [DType.F32] = flopsPerSecond,
            [DType.F16] = flopsPerSecond,
            [DType.BF16] = flopsPerSecond,
        };
        return new AcceleratorSpec(name, flops.AsReadOnly(), bandwidth, memory, link, interconnect, backend)
        {
            Family = "local",
            Cost = CostFamilies.Local,
            CostSource = CostFamilies.Source("local"),
        };
    }
}
