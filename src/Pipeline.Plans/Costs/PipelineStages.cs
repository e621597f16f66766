namespace Pipeline.Plans.Costs;

/// <summary>
/// How a replica of <c>tp x pp</c> accelerators is laid out, the one home of that rule for memory sizing and the
/// predictor. Layers split over <c>pp</c> stages as evenly as possible; as in vLLM's <c>get_pp_indices</c>, the
/// remainder goes one layer each to the stages before the last, counting back from the second-to-last, because the
/// last stage also carries the final norm and LM head. The first stage carries the embedding. Stage <c>k</c> runs on
/// accelerators <c>k tp .. (k+1) tp - 1</c>, numbered node by node (<c>node_size</c> per node).
/// </summary>
public static class PipelineStages
{
    /// <summary>Layers of each stage, first stage first.</summary>
    /// <param name="layers">Layers of the model, at least <paramref name="stages"/>.</param>
    /// <param name="stages">Pipeline-parallel degree, at least 1.</param>
    public static int[] Layers(int layers, int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, stages);
        var split = Enumerable.Repeat(layers / stages, stages).ToArray();
        for (var i = 0; i < layers % stages; i++)
        {
            split[stages - 2 - i]++;
        }
        return split;
    }

    /// <summary>True when the <paramref name="tensorParallel"/> accelerators of stage <paramref name="stage"/> are not all in one node.</summary>
    public static bool StageSpansNodes(int stage, int tensorParallel, int nodeSize)
    {
        long first = (long)stage * tensorParallel, last = first + tensorParallel - 1;
        return first / nodeSize != last / nodeSize;
    }

    /// <summary>
    /// True when a send from stage <paramref name="stage"/> to the next crosses nodes: rank r of one stage sends to
    /// rank r of the next, all ranks at once, so one pair in different nodes puts the send on the network.
    /// </summary>
    public static bool SendCrossesNodes(int stage, int tensorParallel, int nodeSize)
    {
        for (var r = 0; r < tensorParallel; r++)
        {
            long from = (long)stage * tensorParallel + r, to = from + tensorParallel;
            if (from / nodeSize != to / nodeSize)
            {
                return true;
            }
        }
        return false;
    }
}
