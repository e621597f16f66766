namespace Pipeline.Calibration.Published;

/// <summary>
/// Maps a published result to the system the simulator runs, from how the submitters configured it
/// (<c>shared/calibration/README.md</c>): NVIDIA's TensorRT-LLM stack runs in-flight batching with whole prompts beside
/// the decodes, at most 4,096 tokens per step (<see cref="TensorRtBatching"/>); AMD's vLLM 0.4.3 runs prefill steps separately with 65,536 (Offline) or 49,152 (Server)
/// tokens per step, and its Server harness gathers arrivals (<see cref="AmdServerDispatch"/>, Dell's <see cref="DellServerDispatch"/>). Rows whose accelerator
/// the catalogue lacks, or whose configuration is unpublished, are refused with the reason.
/// </summary>
public static class PublishedSystems
{
    // Order matters: GH200 and H200 NVL before H200, H100 NVL and PCIe before H100.
    private static readonly (string[] Marks, string Accelerator, double? Power)[] Accelerators =
    [
        (["GH200"], "gh200", null),
        (["H200", "CTS"], "h200", 1000),
        (["H200", "NVL"], "h200-nvl", null),
        (["H200"], "h200", null),
        (["H100", "NVL"], "h100-nvl", null),
        (["H100", "PCIe"], "h100-pcie", null),
        (["H100"], "h100-sxm", null),
        (["MI325X"], "mi325x", null),
        (["MI300X"], "mi300x", null),
        (["GB200"], "gb200", null),
        (["B200"], "b200", null),
    ];

    /// <summary>
    /// TensorRT-LLM as NVIDIA's v4.1 harness builds and runs it: in-flight batching with no chunked context, so a prompt
    /// enters a step whole, beside the decodes, within <c>max_num_tokens</c> = 4,096 (closed/NVIDIA/code/llama2-70b/
    /// tensorrt/builder.py in mlcommons/inference_results_v4.1 builds the engine with <c>--context_fmha=enable</c> but
    /// without <c>--use_paged_context_fmha</c>, which chunked context needs, and code/harness/harness_llm/llm_core.cc
    /// sets no context-chunking policy: "we can add context chunking policy later if needed"). The prompts' 1,024-token
    /// cap always fits the budget.
    /// </summary>
    public const string TensorRtBatching = "policy = continuous   prefill = mixed";

    /// <summary>
    /// How NVIDIA's v4.1 multi-process (MPI) harness hands Server queries to its tensor-parallel groups: each to the
    /// group with the fewest queries in flight (code/harness/harness_llm: main_llm.cc's <c>traffic_distribution_policy</c>
    /// defaults to 2, load balancing, and llm_server.cc's <c>getLeastBusyIdx</c> takes the least of the groups'
    /// transactions in flight). That harness runs tensor-parallel groups (the summaries' SUT name ends in
    /// <c>-LoadGen</c>: the H100 TP2 systems), so their Server rows run every replica behind <c>routing =
    /// least_requests</c>; Offline's queries all arrive at once, and one replica stands for all.
    /// </summary>
    public const string TensorRtServerRouting = "least_requests";

    /// <summary>
    /// How NVIDIA's v4.1 single-process harness feeds its GPUs (tp 1: the H200 and GH200 systems, SUT name without
    /// <c>-LoadGen</c>): no router; with <c>server_num_issue_query_threads</c> 0, LoadGen's queries wait in one shared
    /// queue (llm_server.cc's <c>LLMServerLeader</c>) and every GPU's LLMCore takes whatever waits, up to its free
    /// request slots, once per iteration (llm_core.cc's <c>getInferenceRequest</c>). So those Server rows run every
    /// replica behind <c>dispatch = shared_queue</c> (benchmarks/README.md, tenth pass).
    /// </summary>
    public const string TensorRtSingleProcessDispatch = "shared_queue";

    /// <summary>
    /// AMD's v4.1 Server harness (closed/AMD/code/llama2-70b-99.9/VllmFp8/mainVllmFp8_SyncServer.py and sync_sut.py in
    /// mlcommons/inference_results_v4.1, run with <c>--enable-batcher</c>): LoadGen's queries are held and sent to one
    /// GPU's vLLM engine in turn, at most <c>gpu_batch_size</c> = 96 at a time, <c>batcher_threshold</c> = 0.3 s after
    /// the last group left.
    /// </summary>
    public const string AmdServerDispatch = "gather(size: 96, window: 300 ms)";

    /// <summary>
    /// Dell's v4.1 MI300X Server harness, the same code's asynchronous variant (closed/Dell/code/llama2-70b-99.9:
    /// test_VllmFp8_AsyncServer_perf.sh runs mainVllmFp8_AsyncServer.py with <c>--enable-batcher</c>, whose defaults
    /// are 32 queries and 0.4 s).
    /// </summary>
    public const string DellServerDispatch = "gather(size: 32, window: 400 ms)";

    /// <summary>The simulated system of a row, or why it cannot be simulated.</summary>
    public static (SimulatedSystem? System, string? Reason) Map(PublishedResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var match = Accelerators.FirstOrDefault(a => a.Marks.All(m => row.Accelerator.Contains(m, StringComparison.OrdinalIgnoreCase)));
        if (match.Accelerator is null) return (null, $"the catalogue has no accelerator for '{row.Accelerator}'");
        // fp4 weights (Blackwell's NVFP4) keep an fp8 KV cache; anything else must say fp8.
        var fp4 = row.Precision.Contains("fp4", StringComparison.OrdinalIgnoreCase);
        if (!(fp4 || row.Precision.Contains("fp8", StringComparison.OrdinalIgnoreCase)) || row.Precision.Contains("unconfirmed", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"precision not published ('{row.Precision}')");
        }
        if (fp4 && !(Pipeline.Plans.Catalog.AcceleratorCatalog.TryGet(match.Accelerator, out var spec) && spec.PeakFlops(Pipeline.Plans.DType.FP4) is not null))
        {
            return (null, $"{match.Accelerator} has no fp4 rate");
        }
        if (row.TensorParallel is not { } tp || row.PipelineParallel is not { } pp || row.MaxBatch is not { } maxBatch)
        {
            return (null, "tensor or pipeline parallelism or batch size not published");
        }
        if (row.Accelerators % (tp * pp) != 0) return (null, $"{row.Accelerators} accelerators do not split into TP{tp} x PP{pp} replicas");
        var vllm = row.Software.Contains("vLLM", StringComparison.OrdinalIgnoreCase) || row.Accelerator.Contains("MI3", StringComparison.OrdinalIgnoreCase);
        var system = vllm
            ? new SimulatedSystem(match.Accelerator, match.Power, tp, row.Accelerators / (tp * pp), maxBatch, row.IsOffline ? 65536 : 49152,
                "policy = continuous   prefill = separate", row.IsOffline ? "vLLM 0.4.3 (separate prefill steps)" : "vLLM 0.4.3 (separate prefill steps, arrivals gathered by the harness)",
                fp4 ? "fp4" : "fp8", pp, row.IsOffline ? null : row.Submitter == "Dell" ? DellServerDispatch : AmdServerDispatch)
            : TensorRt(row, match, tp, pp, maxBatch, fp4);
        return (system, null);
    }

    private static SimulatedSystem TensorRt(PublishedResult row, (string[] Marks, string Accelerator, double? Power) match, int tp, int pp, int maxBatch, bool fp4)
    {
        var system = new SimulatedSystem(match.Accelerator, match.Power, tp, row.Accelerators / (tp * pp), maxBatch, 4096,
            TensorRtBatching, "TensorRT-LLM (in-flight batching, whole prompts)", fp4 ? "fp4" : "fp8", pp);
        if (row.IsOffline) return system;
        // One process drives the GPUs only when each runs a replica alone; tensor-parallel groups need MPI's ranks.
        return tp * pp == 1
            ? system with { Dispatch = TensorRtSingleProcessDispatch, Stack = "TensorRT-LLM (in-flight batching, whole prompts, GPUs take queries from one shared queue)" }
            : system with { Routing = TensorRtServerRouting, Stack = "TensorRT-LLM (in-flight batching, whole prompts, queries to the least busy replica)" };
    }
}
