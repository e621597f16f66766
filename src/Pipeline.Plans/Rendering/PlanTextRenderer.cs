namespace Pipeline.Plans.Rendering;

/// <summary>
/// Renders a plan as canonical, indented, human-readable text: every field, in a fixed order, with units, in the
/// invariant culture, <c>\n</c> line endings. Byte-stable across runs, machines and cultures: this is what plan
/// snapshots compare.
/// </summary>
public static class PlanTextRenderer
{
    /// <summary>Renders the whole plan.</summary>
    /// <param name="plan">The compiled experiment.</param>
    /// <returns>The canonical text, ending with a newline.</returns>
    public static string Render(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new PlanText();
        using (text.Section("experiment " + Describe.Quote(plan.Name)))
        {
            text.Field("source", Describe.Quote(plan.SourcePath));
            ExecutionText.Write(text, plan.Execution);
            BenchmarkText.Write(text, plan.Benchmark);
            CapacityText.Write(text, plan.Capacity);
        }

        return text.ToString();
    }

    /// <summary>Renders only the phase costs (per-layer table, totals and roofline verdicts), e.g. for reports.</summary>
    /// <param name="costs">The phase costs.</param>
    /// <returns>The canonical text of the costs section.</returns>
    public static string RenderCosts(PhaseCosts costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var text = new PlanText();
        CostsText.Write(text, costs);
        return text.ToString();
    }
}
