using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Rendering;

/// <summary>The execution half of the plan text: model, deployment, batching, costs.</summary>
internal static class ExecutionText
{
    public static void Write(PlanText text, ExecutionPlan execution)
    {
        using (text.Section("execution"))
        {
            WriteModel(text, execution.Model);
            WriteDeployment(text, execution.Deployment, execution.Model.Architecture);
            WriteBatching(text, execution.Batching);
            CostsText.Write(text, execution.Costs);
        }
    }

    private static void WriteModel(PlanText text, ModelPlan model)
    {
        var a = model.Architecture;
        using (text.Section("model " + Describe.Quote(model.Name)))
        {
            text.Field("weights", Describe.Weights(model.Weights));
            using (text.Section("architecture"))
            {
                text.Field("layers", Units.Count(a.Layers));
                text.Field("hidden", Units.Count(a.Hidden));
                text.Field("heads", Units.Count(a.Heads));
                text.Field("kv_heads", Units.Count(a.KvHeads));
                text.Field("head_dim", Units.Count(a.HeadDim));
                text.Field("ffn", Units.Count(a.FfnHidden));
                text.Field("vocab", Units.Count(a.Vocab));
                text.Field("context", Units.Count(a.ContextLength) + " tok");
                text.Field("rope_theta", Units.Number(a.RopeTheta));
                text.Field("norm_eps", Units.Number(a.NormEpsilon));
                text.Field("dtype", Keywords.Of(a.WeightType));
                text.Field("kv_dtype", Keywords.Of(a.KvType));
                text.Field("parameters", $"{Units.Count(a.Parameters)} ({Units.Abbreviated(a.Parameters)})");
                text.Field("weight_bytes", Units.Bytes(a.WeightBytes));
                text.Field("kv_bytes_per_token", $"{Units.Count(a.KvBytesPerToken)} B");
            }
        }
    }

    private static void WriteDeployment(PlanText text, DeploymentPlan deployment, ModelArchitecture model)
    {
        using (text.Section("deployment"))
        {
            text.Field("disaggregated", deployment.IsDisaggregated ? "yes" : "no");
            text.Field("routing", deployment.UsesRouting ? Keywords.Of(deployment.Routing) : "none (shared queue)");
            text.Field("dispatch", Describe.Dispatch(deployment.Dispatch));
            text.Field("kv_transfer", deployment.KvTransfer is { } link
                ? $"{Units.Bandwidth(link.Bandwidth)}, latency {Units.Seconds(link.Latency)}"
                : "none");
            foreach (var pool in deployment.Pools)
            {
                WritePool(text, pool, model);
            }
        }
    }

    private static void WritePool(PlanText text, WorkerPoolPlan pool, ModelArchitecture model)
    {
        using (text.Section("pool " + Keywords.Of(pool.Role)))
        {
            text.Field("workers", Units.Count(pool.Workers));
            text.Field("tensor_parallel", Units.Count(pool.TensorParallel));
            text.Field("pipeline_parallel", pool.PipelineParallel == 1 ? "1"
                : $"{Units.Count(pool.PipelineParallel)} (layers per stage {string.Join(", ", PipelineStages.Layers(model.Layers, pool.PipelineParallel))})");
            text.Field("accelerators", Units.Count((long)pool.Workers * pool.AcceleratorsPerWorker));
            WriteAccelerator(text, pool.Accelerator);
            var kv = pool.KvCache;
            using (text.Section("kv_cache (per worker)"))
            {
                text.Field("bytes_per_token", $"{Units.Count(kv.BytesPerToken)} B");
                text.Field("block_size", Units.Count(kv.BlockSize) + " tok");
                text.Field("bytes_per_block", $"{Units.Count(kv.BytesPerBlock)} B ({Units.Bytes(kv.BytesPerBlock)})");
                text.Field("blocks", Units.Count(kv.BlocksPerWorker));
                text.Field("token_capacity", Units.Count(kv.TokenCapacity) + " tok");
                text.Field("bytes", Units.Bytes((double)kv.BytesPerBlock * kv.BlocksPerWorker));
            }

            // The memory budget behind the geometry, recomputed with the same sizing rule the compiler uses.
            var sizing = KvCacheSizing.Compute(model, pool.Accelerator, Math.Max(1, pool.TensorParallel), Math.Max(1, kv.BlockSize), Math.Max(1, pool.PipelineParallel), Math.Max(0, pool.StepTokens));
            var kvPerAccelerator = KvCacheSizing.KvBytesPerAccelerator((double)kv.BytesPerBlock * kv.BlocksPerWorker, model.Layers, pool.TensorParallel, pool.PipelineParallel);
            text.Field("memory_per_accelerator", string.Join(" + ",
                "weights " + Units.Bytes(sizing.WeightBytesPerAccelerator),
                "reserve " + Units.Bytes(sizing.ReserveBytesPerAccelerator),
                "kv " + Units.Bytes(kvPerAccelerator)) + " of " + Units.Bytes(pool.Accelerator.MemoryCapacity));
            text.Field("fits_full_context", sizing.Fits ? "yes" : "no");
        }
    }

    /// <summary>Every type up to fp8; fp4 (a Blackwell-only format) only where the accelerator has a rate for it.</summary>
    internal static IEnumerable<DType> RenderedTypes(AcceleratorSpec spec) =>
        Enum.GetValues<DType>().Where(t => t != DType.FP4 || spec.PeakFlops(t) is not null);

    private static void WriteAccelerator(PlanText text, AcceleratorSpec spec)
    {
        using (text.Section("accelerator " + Describe.Quote(spec.Name)))
        {
            foreach (var type in RenderedTypes(spec))
            {
                text.Field("flops " + Keywords.Of(type), spec.PeakFlops(type) is { } f ? Units.FlopRate(f) + " (dense)" : "unsupported");
            }

            text.Field("memory", Units.Bytes(spec.MemoryCapacity));
            text.Field("bandwidth", Units.Bandwidth(spec.MemoryBandwidth));
            text.Field("interconnect", $"{spec.Interconnect} {Units.Bandwidth(spec.InterconnectBandwidth)}");
            text.Field("local", spec.Local is { } backend ? Keywords.Of(backend) : "no");
            CostParametersRendering.Write(text, spec);
        }
    }

    private static void WriteBatching(PlanText text, BatchingPlan b)
    {
        using (text.Section("batching"))
        {
            text.Field("policy", Keywords.Of(b.Policy));
            text.Field("max_batch", Units.Count(b.MaxBatch));
            text.Field("max_batched_tokens", Units.Count(b.MaxBatchedTokens) + " tok");
            text.Field("max_wait", Units.Seconds(b.MaxWait));
            text.Field("kv_block_size", Units.Count(b.KvBlockSize) + " tok");
            text.Field("preemption", Keywords.Of(b.Preemption));
            text.Field("prefill", Keywords.Of(b.PrefillSchedule));
        }
    }
}
