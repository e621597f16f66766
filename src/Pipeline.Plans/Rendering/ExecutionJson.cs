using System.Text.Json;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Rendering;

/// <summary>The <c>execution</c> object of the plan JSON.</summary>
internal static class ExecutionJson
{
    public static void Write(Utf8JsonWriter w, ExecutionPlan execution)
    {
        WriteModel(w, execution.Model);
        WriteDeployment(w, execution.Deployment, execution.Model.Architecture);
        WriteBatching(w, execution.Batching);
        CostsJson.Write(w, execution.Costs);
    }

    private static void WriteModel(Utf8JsonWriter w, ModelPlan model)
    {
        var a = model.Architecture;
        w.WriteStartObject("model");
        w.WriteString("name", model.Name);
        w.WriteStartObject("weights");
        w.WriteString("kind", Describe.Kind(model.Weights));
        switch (model.Weights)
        {
            case RandomWeights r: w.WriteNumber("seed", r.Seed); break;
            case GgufWeights g: w.WriteString("path", g.Path); break;
        }

        w.WriteEndObject();
        w.WriteStartObject("architecture");
        w.WriteNumber("layers", a.Layers);
        w.WriteNumber("hidden", a.Hidden);
        w.WriteNumber("heads", a.Heads);
        w.WriteNumber("kv_heads", a.KvHeads);
        w.WriteNumber("head_dim", a.HeadDim);
        w.WriteNumber("kv_dim", a.KvDim);
        w.WriteNumber("ffn_hidden", a.FfnHidden);
        w.WriteNumber("vocab", a.Vocab);
        w.WriteNumber("context_length", a.ContextLength);
        w.WriteNumber("rope_theta", a.RopeTheta);
        w.WriteNumber("norm_epsilon", a.NormEpsilon);
        w.WriteString("weight_type", Keywords.Of(a.WeightType));
        w.WriteString("kv_type", Keywords.Of(a.KvType));
        w.WriteNumber("parameters", a.Parameters);
        w.WriteNumber("weight_bytes", a.WeightBytes);
        w.WriteNumber("kv_bytes_per_token", a.KvBytesPerToken);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDeployment(Utf8JsonWriter w, DeploymentPlan d, ModelArchitecture model)
    {
        w.WriteStartObject("deployment");
        w.WriteBoolean("disaggregated", d.IsDisaggregated);
        w.WriteString("routing", Keywords.Of(d.Routing));
        w.WriteStartObject("dispatch");
        w.WriteString("policy", d.Dispatch switch { null => "immediate", ArrivalGathering => "gather", SharedQueueDispatch => "shared_queue", _ => Keywords.SnakeCase(d.Dispatch.GetType().Name) });
        if (d.Dispatch is ArrivalGathering gathering)
        {
            w.WriteNumber("size", gathering.MaxQueries);
            w.WriteNumber("window", gathering.Window);
        }
        w.WriteEndObject();
        if (d.KvTransfer is { } link)
        {
            w.WriteStartObject("kv_transfer");
            w.WriteNumber("bandwidth", link.Bandwidth);
            w.WriteNumber("latency", link.Latency);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("kv_transfer");
        }

        w.WriteStartArray("pools");
        foreach (var pool in d.Pools)
        {
            WritePool(w, pool, model);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePool(Utf8JsonWriter w, WorkerPoolPlan pool, ModelArchitecture model)
    {
        w.WriteStartObject();
        w.WriteString("role", Keywords.Of(pool.Role));
        w.WriteNumber("workers", pool.Workers);
        w.WriteNumber("tensor_parallel", pool.TensorParallel);
        w.WriteNumber("pipeline_parallel", pool.PipelineParallel);
        WriteAccelerator(w, pool.Accelerator);
        var kv = pool.KvCache;
        w.WriteStartObject("kv_cache");
        w.WriteNumber("bytes_per_token", kv.BytesPerToken);
        w.WriteNumber("block_size", kv.BlockSize);
        w.WriteNumber("blocks_per_worker", kv.BlocksPerWorker);
        w.WriteNumber("bytes_per_block", kv.BytesPerBlock);
        w.WriteNumber("token_capacity", kv.TokenCapacity);
        w.WriteEndObject();
        var sizing = KvCacheSizing.Compute(model, pool.Accelerator, Math.Max(1, pool.TensorParallel), Math.Max(1, kv.BlockSize), Math.Max(1, pool.PipelineParallel), Math.Max(0, pool.StepTokens));
        w.WriteStartObject("memory_per_accelerator");
        w.WriteNumber("weights", sizing.WeightBytesPerAccelerator);
        w.WriteNumber("reserve", sizing.ReserveBytesPerAccelerator);
        w.WriteNumber("kv_cache", KvCacheSizing.KvBytesPerAccelerator((double)kv.BytesPerBlock * kv.BlocksPerWorker, model.Layers, pool.TensorParallel, pool.PipelineParallel));
        w.WriteNumber("capacity", pool.Accelerator.MemoryCapacity);
        w.WriteBoolean("fits_full_context", sizing.Fits);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteAccelerator(Utf8JsonWriter w, AcceleratorSpec spec)
    {
        w.WriteStartObject("accelerator");
        w.WriteString("name", spec.Name);
        w.WriteStartObject("dense_flops");
        foreach (var type in ExecutionText.RenderedTypes(spec))
        {
            if (spec.PeakFlops(type) is { } flops)
            {
                w.WriteNumber(Keywords.Of(type), flops);
            }
            else
            {
                w.WriteNull(Keywords.Of(type));
            }
        }

        w.WriteEndObject();
        w.WriteNumber("memory_bandwidth", spec.MemoryBandwidth);
        w.WriteNumber("memory_capacity", spec.MemoryCapacity);
        w.WriteNumber("interconnect_bandwidth", spec.InterconnectBandwidth);
        w.WriteString("interconnect", spec.Interconnect);
        if (spec.Local is { } backend)
        {
            w.WriteString("local", Keywords.Of(backend));
        }
        else
        {
            w.WriteNull("local");
        }

        CostParametersRendering.Write(w, spec);
        w.WriteEndObject();
    }

    private static void WriteBatching(Utf8JsonWriter w, BatchingPlan b)
    {
        w.WriteStartObject("batching");
        w.WriteString("policy", Keywords.Of(b.Policy));
        w.WriteNumber("max_batch", b.MaxBatch);
        w.WriteNumber("max_batched_tokens", b.MaxBatchedTokens);
        w.WriteNumber("max_wait", b.MaxWait);
        w.WriteNumber("kv_block_size", b.KvBlockSize);
        w.WriteString("preemption", Keywords.Of(b.Preemption));
        w.WriteString("prefill_schedule", Keywords.Of(b.PrefillSchedule));
        w.WriteEndObject();
    }
}
