namespace Pipeline.Plans.Costs.Prediction;

/// <summary>Pipeline parallelism: where stages sit (nodes) and what each stage's time is made of.</summary>
public sealed partial class ExecutionTimePredictor
{
    /// <summary>Pipeline stages per worker.</summary>
    public int PipelineParallel => _stageLayers.Length;

    /// <summary>
    /// Each pipeline stage's seconds for a step, first stage first: its layers' operators and all-reduces, the
    /// embedding on the first stage, the final norm and LM head on the last, a graph launch where captured, and the
    /// send of the activations (tokens x hidden x 2 bytes) to the next stage, <c>latency + bytes / (bandwidth x
    /// link_efficiency)</c> over the interconnect, or the network when the send crosses nodes.
    /// </summary>
    /// <param name="shape">The step.</param>
    /// <param name="stageSeconds">Filled with <see cref="PipelineParallel"/> stage times.</param>
    /// <returns>The host's seconds (scheduling, sampling), which occupy no stage.</returns>
    public double Stages(in StepShape shape, Span<double> stageSeconds)
    {
        if (stageSeconds.Length != _stageLayers.Length)
        {
            throw new ArgumentException($"Expected {_stageLayers.Length} stage slots.", nameof(stageSeconds));
        }
        Predict(shape, null, stageSeconds, out var host);
        return host;
    }

    /// <summary>A step's times before they are cut into stages: all layers' kernels, per-layer all-reduces, the ends.</summary>
    private readonly record struct StageParts(double Layers, double ReduceLink, double ReduceNetwork, double Embedding, double Head, double Launch, double ActivationBytes);

    /// <summary>Which stages' rings span nodes, and which stages' sends to the next stage cross nodes.</summary>
    private (bool[] RingOnNetwork, bool[] SendOnNetwork) Links(int tp, int pp)
    {
        var node = Math.Max(1, _p.NodeSize);
        var rings = new bool[pp];
        var sends = new bool[pp];
        for (var k = 0; k < pp; k++)
        {
            rings[k] = PipelineStages.StageSpansNodes(k, tp, node);
            sends[k] = PipelineStages.SendCrossesNodes(k, tp, node);
        }
        return (rings, sends);
    }

    /// <summary>Cuts a step into stages (filling <paramref name="stages"/> when given) and returns their sum.</summary>
    private double SumStages(Span<double> stages, List<OperatorTime>? parts, in StageParts step)
    {
        var pp = _stageLayers.Length;
        double sum = 0, sends = 0;
        var network = false;
        for (var k = 0; k < pp; k++)
        {
            var layers = _stageLayers[k];
            var stage = step.Layers * layers / _model.Layers + layers * (_stageOnNetwork[k] ? step.ReduceNetwork : step.ReduceLink) + step.Launch;
            if (k == 0) stage += step.Embedding;
            if (k == pp - 1) stage += step.Head;
            else
            {
                var send = _sendOnNetwork[k]
                    ? _p.NetworkLatency + step.ActivationBytes / _networkBandwidth
                    : _p.LinkLatency + step.ActivationBytes / _linkBandwidth;
                sends += send;
                network |= _sendOnNetwork[k];
                stage += send;
            }
            if (!stages.IsEmpty) stages[k] = stage;
            sum += stage;
        }
        Add(parts, "pp_send", sends, network ? "network" : "link");
        return sum;
    }
}
