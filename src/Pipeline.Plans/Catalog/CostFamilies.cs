namespace Pipeline.Plans.Catalog;

/// <summary>
/// Default <see cref="CostParameters"/> per accelerator family, with where each set came from. One set per family
/// (never per result row): the fitted values come from <c>pipeline calibrate --results</c> on the published MLPerf
/// Inference v4.0/v4.1 Llama 2 70B results (<c>shared/calibration/mlperf-llama2-70b-v4.tsv</c>), the rest from the
/// runtimes' documentation and public kernel measurements, as each comment says. Tiles: 128x128 output tiles, the
/// common FP8/BF16 GEMM tile of CUTLASS (Hopper) and hipBLASLt (CDNA3).
/// </summary>
public static class CostFamilies
{
    /// <summary>
    /// NVIDIA Hopper under TensorRT-LLM (the MLPerf submissions' stack): graphs for generation steps, fused
    /// norm+residual, RoPE inside the attention kernel, SwiGLU in the GEMM epilogue. Graph capture is TensorRT-LLM's
    /// CUDA-graph mode for small batches; NVIDIA's MLPerf v4.1 harness ran without it (use_graphs = False, "TODO: enable
    /// cuda graph" in code/harness/harness_llm/main_llm.cc), where it moves no row by more than 0.1% (fidelity --cost
    /// "graph_capture = off", 2 Dec 2026): a launch hides behind kernels of its steps' sizes.
    /// gemm 0.87, kv_read 0.3695 and gemm_serial_share 0.7797: fitted together (pipeline calibrate --results NV41.tsv
    /// --means H200-means.tsv --family nvidia-hopper --fit gemm_efficiency,kv_read_efficiency,gemm_serial_share
    /// --mean-tpot: least squares on tokens/s of NVIDIA's v4.1 rows, H200, H200 at 1,000 W, H100 TP2 and GH200, Offline
    /// and Server, and on one latency figure, the mean TPOT of the 8x H200 Server run, 123.3 ms; see benchmarks/README.md,
    /// ninth pass), with every run as long as its published run (Offline: LoadGen's samples_per_query from the row's own
    /// min_duration, 2,400 s for these systems; Server: 2,400 s at the target rate, every replica behind the harness's
    /// least-busy routing) and measured as LoadGen measures it. The fits before the ninth pass ran Offline for 600 s,
    /// whose larger share of draining read the Offline rows 2-3.5% low, so they had put the step's cost 2-3% too low
    /// (0.8642, 0.4295, 0.8607 until 2 Dec 2026). The valley is flat along the share (0.75-0.82 cost the same). gemm_serial_share is the
    /// part of a GEMM's weight streaming its tensor-core time does not hide (and the reverse when memory-bound): a
    /// step's GEMMs stream all 70 GB of weights whatever its tokens, so the share is a per-step cost that Offline's
    /// 4,096-token steps amortise and a Server's few-hundred-token steps do not. That is what the mean TPOT
    /// identifies: a Server run settles where its batch's tokens per step match the arrivals, so its TPOT is the cost
    /// its steps pay whatever their batch over the headroom left. 0.78 says the 2024 FP8 GEMMs overlapped little of
    /// the two at these shapes, which their M of a few hundred to 4,096 tokens (short of the kernels' best) makes plausible.
    /// attention 0.45: FlashAttention-3-class FP8 prefill on Hopper reaches ~40-50% of dense peak (not identifiable
    /// from these rows). step_overhead 2 ms: TensorRT-LLM's C++ batch manager per iteration (not identifiable: fitted
    /// with gemm and kv_read on the same figures in the serial share's place, it went to 19 ms, an implausible host time
    /// that every model, however small, would pay). bandwidth 0.85: achievable share of HBM3 on a streaming read (STREAM-like copies reach 85-90%
    /// on H100). link 0.8 and 8 us per hop: NCCL ring all-reduce on NVLink 4 reaches ~360 of 450 GB/s per direction
    /// (nccl-tests). kernel_launch 4 us: CUDA launch latency; sequence_overhead 5 us: per-sequence sampling and
    /// bookkeeping. memory_utilisation 0.9 of free memory: TensorRT-LLM's kv_cache_free_gpu_mem_fraction in the
    /// submissions' configs ("90% of free GPU memory for the KV cache", shared/calibration/README.md): a share of what
    /// the weights leave.
    /// stream_overhead 0: a host cost per streamed token, paid by Server and not Offline, was fitted here at 14-19 us
    /// while simulated Server runs were 600 s long. At 270,336 queries it taxes a Server's capacity ~6% below Offline's, and
    /// every row whose published Server/Offline ratio is 0.94 or more (GH200, 2x H100, HPE's and Dell's H100, the NVL)
    /// then queued without bound (p99 TTFT of minutes against the published 0.4-0.9 s). The published ratios say a
    /// Server run's capacity is Offline's; the setting stays for stacks that do pay it. Fitted again on the mean TPOT
    /// with each published run's batch held (calibrate --held-batch-tpot, 2 Dec 2026), it went to 14.7-17.7 us and the
    /// 1,000 W H200 and GH200 queued at their published rates (benchmarks/README.md, eighth pass).
    /// static_power 319 W against the H100 SXM at 700 W (clock_reference): fitted on NVIDIA's two v4.0 H100 NVL rows, 400 W
    /// cards (pipeline calibrate --results NVL.tsv --family nvidia-hopper --fit static_power, with the TensorRT 9.3
    /// release factor those rows ran). What a
    /// board spends off the compute clock: HBM3 at full bandwidth (~100-150 W for five or six stacks at ~4 pJ/bit),
    /// regulator losses (~10%), NVLink and PCIe PHYs, leakage. With it the NVL sustains 0.69 of its datasheet clock and
    /// the 350 W H100 PCIe 0.47; without it the datasheet's own cube-root clocks held both near their datasheet peaks, and
    /// their Offline rows were predicted 28-79% high. The v4.1 NVL and PCIe systems of ASUS, HPE and Lenovo test it
    /// (benchmarks/mlperf-pcie-cards-assumed.tsv).
    /// </summary>
    public static CostParameters NvidiaHopper { get; } = new(
        GemmEfficiency: 0.87, AttentionEfficiency: 0.45, BandwidthEfficiency: 0.85, KvReadEfficiency: 0.3695,
        LinkEfficiency: 0.8, LinkLatency: 8e-6, KernelLaunch: 4e-6, StepOverhead: 2e-3, SequenceOverhead: 5e-6,
        MemoryUtilisation: 0.9, GraphCapture: true, Fusion: KernelFusion.Fused, TileTokens: 128, TileColumns: 128,
        StreamOverhead: 0, MemoryUtilisationOf: MemoryUtilisationBase.Free, StaticPower: 319, ClockReference: "h100-sxm", GemmSerialShare: 0.7797);

    /// <summary>
    /// NVIDIA Blackwell: no Llama 2 70B result with its configuration was published in v4.0/v4.1 (B200 was one
    /// preview row without precision), so Hopper's TensorRT-LLM parameters are carried over unfitted; treat its
    /// predictions as a roofline scaled by Hopper's efficiencies. Its power model is not Hopper's (another die and
    /// process): each part is its own clock reference with no static share, so a power limit scales by cbrt(P / rated).
    /// </summary>
    public static CostParameters NvidiaBlackwell { get; } = NvidiaHopper with { StaticPower = 0, ClockReference = null };

    /// <summary>
    /// AMD CDNA3 under vLLM 0.4.3 on ROCm 6.1 (AMD's MLPerf v4.1 stack): eager mode (no graphs) and vLLM's separate
    /// kernels for RoPE and SiLU-and-multiply, so unfused.
    /// gemm 0.6238, kv_read 0.2002 and gemm_serial_share 0.8756: fitted together (pipeline calibrate --results
    /// AMD41.tsv --means AMD-means.tsv --family amd-cdna3 --fit gemm_efficiency,kv_read_efficiency,gemm_serial_share
    /// --mean-tpot: least squares on tokens/s of AMD's v4.1 rows, 8x MI300X twice and 1x, Offline and Server, and on
    /// their three published Server mean TPOTs; each Server run as long as its published run, 600 s at its target rate,
    /// with the harness's gathered dispatch, which AMD's Server runs used (PublishedSystems.AmdServerDispatch); tokens/s
    /// within 7.0%, mean TPOT -8.6%, +1.3% and +5.9%; 2 Dec 2026, see benchmarks/README.md). Before the gathering was
    /// modelled the share fell to 0: every arrival then broke off decoding for a prefill step of its own, which cost the
    /// TPOT what the share now does. The valley is long: gemm 0.606 with a share of 0.75 costs the same to three digits.
    /// kv_read sits on its lower bound, 0.2 (the fit cannot move it): vLLM 0.4's ROCm paged attention on an fp8 cache
    /// reads far below the HBM's rate, but how far these rows cannot say. attention 0.35: CK flash attention
    /// on MI300X in FP16/FP8 (not identifiable from these rows). step_overhead 5 ms: vLLM 0.4's Python scheduler and
    /// sampler per step at large batches. bandwidth 0.8: achievable share of HBM3 on MI300X (rocm-bandwidth-test and
    /// published STREAM figures ~4.0-4.3 of 5.3 TB/s). kernel_launch 8 us: HIP launch latency in eager mode.
    /// memory_utilisation 0.9 of the device: vLLM's gpu_memory_utilization. stream_overhead 0: the per-sequence host
    /// cost of vLLM 0.4's Python output processing is already in sequence_overhead and step_overhead, which every step pays.
    /// </summary>
    public static CostParameters AmdCdna3 { get; } = new(
        GemmEfficiency: 0.6238, AttentionEfficiency: 0.35, BandwidthEfficiency: 0.8, KvReadEfficiency: 0.2002,
        LinkEfficiency: 0.7, LinkLatency: 10e-6, KernelLaunch: 8e-6, StepOverhead: 5e-3, SequenceOverhead: 10e-6,
        MemoryUtilisation: 0.9, GraphCapture: false, Fusion: KernelFusion.Unfused, TileTokens: 128, TileColumns: 128, GemmSerialShare: 0.8756);

    /// <summary>
    /// Families without published LLM results in the calibration set (Ampere, Ada): vLLM-like defaults, unfitted
    /// (GEMM 0.6 and bandwidth 0.8 of datasheet are typical cuBLAS and STREAM shares on those parts).
    /// </summary>
    public static CostParameters Generic { get; } = new(
        GemmEfficiency: 0.6, AttentionEfficiency: 0.4, BandwidthEfficiency: 0.8, KvReadEfficiency: 0.6,
        LinkEfficiency: 0.7, LinkLatency: 10e-6, KernelLaunch: 5e-6, StepOverhead: 3e-3, SequenceOverhead: 10e-6,
        MemoryUtilisation: 0.9, GraphCapture: true, Fusion: KernelFusion.Fused, TileTokens: 128, TileColumns: 128);

    /// <summary>
    /// The local machine's engine (fast CPU backend): unfused kernels, no graphs, no tiles. The defaults are round
    /// placeholders until <c>pipeline calibrate --local</c> writes measured ones.
    /// </summary>
    public static CostParameters Local { get; } = new(
        GemmEfficiency: 1, AttentionEfficiency: 1, BandwidthEfficiency: 1, KvReadEfficiency: 1,
        LinkEfficiency: 1, LinkLatency: 0, KernelLaunch: 0, StepOverhead: 50e-6, SequenceOverhead: 5e-6,
        MemoryUtilisation: 0.9, GraphCapture: false, Fusion: KernelFusion.Unfused, TileTokens: 1, TileColumns: 1);

    /// <summary>Source line printed beside a family's parameters.</summary>
    public static string Source(string family) => family switch
    {
        "nvidia-hopper" => "catalogue: nvidia-hopper (TensorRT-LLM), gemm, kv_read and gemm_serial_share fitted on MLPerf Inference v4.1 Llama 2 70B (tokens/s and the 8x H200 Server mean TPOT)",
        "nvidia-blackwell" => "catalogue: nvidia-blackwell, Hopper's parameters carried over (no calibration data)",
        "amd-cdna3" => "catalogue: amd-cdna3 (vLLM 0.4.3, ROCm 6.1), gemm, kv_read and gemm_serial_share fitted on MLPerf Inference v4.1 Llama 2 70B (tokens/s and the Server mean TPOTs)",
        "local" => "catalogue: local engine placeholders (run pipeline calibrate --local)",
        _ => $"catalogue: {family}, typical shares, not fitted",
    };
}
