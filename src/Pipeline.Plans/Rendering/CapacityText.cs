using Pipeline.Plans.Capacity;

namespace Pipeline.Plans.Rendering;

/// <summary>The capacity section of the plan text (only for an experiment with a <c>capacity { }</c> block): its axes and candidates.</summary>
internal static class CapacityText
{
    public static void Write(PlanText text, CapacityPlan? capacity)
    {
        if (capacity is null) return;
        using (text.Section("capacity"))
        {
            text.Field("axes", capacity.Axes.Count == 0 ? "none" : string.Join(", ", capacity.Axes));
            using (text.Section($"candidates ({Units.Count(capacity.Candidates.Count)})"))
            {
                foreach (var candidate in capacity.Candidates)
                {
                    text.Line($"#{Units.Count(candidate.Index)} {candidate.Label}".TrimEnd());
                }
            }
        }
    }
}
