namespace Pipeline.Plans.Costs.Prediction;

/// <summary>
/// Predicts one step's time operator by operator (Vidur's shape) for one worker of <c>tp</c> accelerators, from the
/// operator model's FLOPs and bytes (<see cref="OperatorModel"/>) and the accelerator's <see cref="CostParameters"/>:
/// <list type="bullet">
/// <item>GEMMs: <c>max(compute, memory) + gemm_serial_share x min(compute, memory)</c>, compute <c>FLOPs / (peak x
/// gemm_efficiency x wave utilisation)</c> and memory <c>bytes / (bandwidth x bandwidth_efficiency)</c>.</item>
/// <item>Attention: the context (prefill) kernel is compute-bound at <c>attention_efficiency</c> or memory-bound;
/// the generation (decode) kernel reads the KV cache at <c>kv_read_efficiency</c>.</item>
/// <item>Element-wise operators are memory-bound; under <see cref="KernelFusion.Fused"/> RoPE, SwiGLU and the residual
/// adds ride in their neighbours' kernels and cost nothing of their own.</item>
/// <item>Every kernel takes at least <c>kernel_launch</c> (the host issues kernels asynchronously, so only kernels
/// shorter than a launch starve the device); a decode-only step under graph capture pays one launch instead.</item>
/// <item>Tensor parallelism: two ring all-reduces of the activations per layer (16-bit, or wider for f32 models),
/// over the interconnect, or over the network when a stage's accelerators span nodes (<c>tp > node_size</c>).</item>
/// <item>Pipeline parallelism (<see cref="Stages"/>): each stage runs its layers (the first also the embedding, the
/// last the final norm and LM head), then sends the activations to the next stage.</item>
/// <item>Host: <c>step_overhead + sequence_overhead x sequences + stream_overhead x streamed responses</c>, not
/// overlapped with the device (a streamed response: a sequence that samples a token in a scenario that streams).</item>
/// <item>Host stalls: the whole step, and each stage, <c>x (1 + host_stall_share)</c> (<c>host_stalls</c> in the breakdown).</item>
/// </list>
/// Peak FLOP/s are scaled by <see cref="AcceleratorSpec.ComputeScale"/> (the clock a power limit sustains,
/// <see cref="SustainedClock"/>), never above the datasheet; so is the KV read, whose kernel is bound by the compute
/// units' clock, not by HBM (the fitted <c>kv_read_efficiency</c>, ~0.2-0.3 of the datasheet bandwidth, says so).
/// fp4 weights use the fp4 rate for GEMMs and the fp8 rate for attention.
/// </summary>
public sealed partial class ExecutionTimePredictor
{
    private static readonly HashSet<string> FusedAway = ["rope", "swiglu", "attn_residual", "ffn_residual"];

    private readonly ModelArchitecture _model;
    private readonly int _tp;
    private readonly CostParameters _p;
    private readonly int _units;
    private readonly double _gemmFlops;
    private readonly double _attentionFlops;
    private readonly double _streamBandwidth;
    private readonly double _kvBandwidth;
    private readonly double _linkBandwidth;
    private readonly double _activationBytes;
    private readonly int[] _stageLayers;
    private readonly bool[] _stageOnNetwork;
    private readonly bool[] _sendOnNetwork;
    private readonly double _networkBandwidth;

    /// <summary>Creates the predictor of one worker.</summary>
    /// <param name="model">The model (its weight type is the math type).</param>
    /// <param name="accelerator">Each shard's accelerator and its cost parameters.</param>
    /// <param name="tensorParallel">Shards per worker, at least 1.</param>
    /// <param name="pipelineParallel">Pipeline stages per worker, 1 to the model's layers.</param>
    public ExecutionTimePredictor(ModelArchitecture model, AcceleratorSpec accelerator, int tensorParallel, int pipelineParallel = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pipelineParallel, 1);
        _model = model;
        _tp = tensorParallel;
        _p = accelerator.Cost;
        _units = Math.Max(1, accelerator.ComputeUnits);
        var peak = accelerator.PeakFlops(model.WeightType)
            ?? throw new ArgumentException($"{accelerator.Name} has no {model.WeightType.ToKeyword()} figure.", nameof(accelerator));
        var scale = accelerator.ComputeScale;
        _gemmFlops = peak * Math.Min(1, _p.GemmEfficiency * scale);
        // fp4 is a GEMM format: attention (softmax needs the range) runs at the fp8 rate, as TensorRT-LLM's FP8 FMHA does.
        var attentionPeak = model.WeightType == DType.FP4 ? accelerator.PeakFlops(DType.FP8) ?? peak : peak;
        _attentionFlops = attentionPeak * Math.Min(1, _p.AttentionEfficiency * scale);
        _streamBandwidth = accelerator.MemoryBandwidth * _p.BandwidthEfficiency;
        _kvBandwidth = accelerator.MemoryBandwidth * _p.KvReadEfficiency * Math.Min(1, scale);
        _linkBandwidth = Math.Max(1, accelerator.InterconnectBandwidth / 2 * _p.LinkEfficiency);
        _activationBytes = model.ActivationBytes;
        _stageLayers = PipelineStages.Layers(model.Layers, pipelineParallel);
        _networkBandwidth = Math.Max(1, _p.NetworkBandwidth * _p.LinkEfficiency);
        (_stageOnNetwork, _sendOnNetwork) = Links(tensorParallel, pipelineParallel);
    }

    /// <summary>
    /// Predicted seconds of a step (no breakdown: the simulator's hot path). Under pipeline parallelism this is one
    /// micro-batch's latency through idle stages: the sum of <see cref="Stages"/> plus the host's time.
    /// </summary>
    public double Seconds(in StepShape shape) => Predict(shape, null, default, out _);

    /// <summary>Predicted seconds of a step with each operator's share (summed over stages).</summary>
    public StepPrediction Explain(in StepShape shape)
    {
        var parts = new List<OperatorTime>();
        var seconds = Predict(shape, parts, default, out _);
        return new StepPrediction(seconds, parts);
    }

    private double Predict(in StepShape shape, List<OperatorTime>? parts, Span<double> stages, out double host)
    {
        var pp = _stageLayers.Length;
        if (shape.Sequences == 0)
        {
            stages.Clear();
            host = _p.StepOverhead;
            return Add(parts, "host", host, "host");
        }
        var m = _model;
        var tokens = shape.Tokens;
        var graph = _p.GraphCapture && shape.PrefillSequences == 0;
        var prefillPass = new PassShape(shape.PrefillTokens, shape.PrefillAttentionPairs, shape.PrefillKvTokens, shape.PrefillSequences);
        var decodePass = new PassShape(shape.DecodeSequences, shape.DecodeKvTokens, shape.DecodeKvTokens, shape.DecodeSequences);
        var all = new PassShape(tokens, 0, 0, shape.Sequences);
        double total = 0, layers = 0;
        foreach (var (name, flops, bytes) in OperatorModel.Layer(m, _tp, all))
        {
            if (name == "attention")
            {
                if (shape.PrefillSequences > 0)
                {
                    var a = OperatorModel.Attention(m, _tp, prefillPass);
                    var t = Kernel(parts, "attention_prefill", a.Flops, _attentionFlops, a.Bytes, _streamBandwidth, graph, m.Layers);
                    total += t;
                    layers += t;
                }
                if (shape.DecodeSequences > 0)
                {
                    var a = OperatorModel.Attention(m, _tp, decodePass);
                    var t = Kernel(parts, "attention_decode", a.Flops, _attentionFlops, a.Bytes, _kvBandwidth, graph, m.Layers);
                    total += t;
                    layers += t;
                }
                continue;
            }
            if (_p.Fusion == KernelFusion.Fused && FusedAway.Contains(name))
            {
                continue;
            }
            var peak = GemmColumns(name) is { } n ? _gemmFlops * GemmWaves.Utilisation(tokens, n, _p.TileTokens, _p.TileColumns, _units) : double.PositiveInfinity;
            // Element-wise operators have no compute time (an infinite peak), so the serial share adds nothing to them.
            var seconds = Kernel(parts, name, flops, peak, bytes, _streamBandwidth, graph, m.Layers, _p.GemmSerialShare);
            total += seconds;
            layers += seconds;
        }
        var activations = tokens * m.Hidden * _activationBytes;
        double reduceLink = 0, reduceNetwork = 0;
        if (_tp > 1)
        {
            reduceLink = 2 * RingAllReduce.Seconds(activations, _tp, _linkBandwidth, _p.LinkLatency);
            reduceNetwork = 2 * RingAllReduce.Seconds(activations, _tp, _networkBandwidth, _p.NetworkLatency);
            double reduce = 0;
            for (var k = 0; k < pp; k++)
            {
                reduce += _stageLayers[k] * (_stageOnNetwork[k] ? reduceNetwork : reduceLink);
            }
            total += Add(parts, "all_reduce", reduce, _stageOnNetwork.Any(x => x) ? "network" : "link");
        }
        double embedding = 0, head = 0;
        foreach (var (name, flops, bytes) in OperatorModel.ModelLevel(m, _tp, all))
        {
            var peak = name == "lm_head" ? _gemmFlops * GemmWaves.Utilisation(shape.Sequences, CeilDiv(m.Vocab, _tp), _p.TileTokens, _p.TileColumns, _units) : double.PositiveInfinity;
            var seconds = Kernel(parts, name, flops, peak, bytes, _streamBandwidth, graph, 1, _p.GemmSerialShare);
            total += seconds;
            if (name == "embedding") embedding += seconds;
            else head += seconds;
        }
        var launch = graph ? _p.KernelLaunch : 0;
        if (graph)
        {
            total += Add(parts, "graph_launch", launch * pp, "launch");
        }
        host = _p.StepOverhead + _p.SequenceOverhead * shape.Sequences + _p.StreamOverhead * shape.StreamedResponses;
        if (pp == 1)
        {
            if (!stages.IsEmpty) stages[0] = total;
            return Stalled(parts, stages, ref host, total + Add(parts, "host", host, "host"));
        }
        var sum = SumStages(stages, parts, new StageParts(layers, reduceLink, reduceNetwork, embedding, head, launch, activations));
        return Stalled(parts, stages, ref host, sum + Add(parts, "host", host, "host"));
    }

    // What the host takes from a step is a share of its length: the step, every stage and the host's own part lengthen alike.
    private double Stalled(List<OperatorTime>? parts, Span<double> stages, ref double host, double seconds)
    {
        var share = _p.HostStallShare;
        if (share == 0) return seconds;
        for (var k = 0; k < stages.Length; k++) stages[k] *= 1 + share;
        host *= 1 + share;
        return seconds + Add(parts, "host_stalls", seconds * share, "host");
    }

    /// <summary>Launches the kernels of an operator <paramref name="count"/> times (once per layer); <paramref name="serial"/>
    /// is the share of the shorter of its compute and memory times the longer does not hide (GEMMs' <c>gemm_serial_share</c>).</summary>
    private double Kernel(List<OperatorTime>? parts, string name, double flops, double peak, double bytes, double bandwidth, bool graph, int count, double serial = 0)
    {
        var compute = flops / peak;
        var memory = bytes / bandwidth;
        var device = Math.Max(compute, memory) + serial * Math.Min(compute, memory);
        var launch = graph ? 0 : _p.KernelLaunch;
        var seconds = Math.Max(device, launch) * count;
        return Add(parts, name, seconds, launch > device ? "launch" : compute >= memory ? "compute" : "memory");
    }

    private long? GemmColumns(string name) => name switch
    {
        "qkv_proj" => CeilDiv(_model.Hidden + 2L * _model.KvDim, _tp),
        "o_proj" or "mlp_down" => _model.Hidden,
        "mlp_gate_up" => CeilDiv(2L * _model.FfnHidden, _tp),
        _ => null,
    };

    private static double Add(List<OperatorTime>? parts, string name, double seconds, string bound)
    {
        parts?.Add(new OperatorTime(name, seconds, bound));
        return seconds;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
