using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL0431-PL0434: capacity plans (<c>capacity { }</c>).</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0431: a capacity plan over an experiment that does not simulate.</summary>
    public static Diagnostic CapacityNeedsSimulate(SourceText source, TextSpan span, string mode) =>
        Error("PL0431", source, span, $"a capacity plan weighs accelerators this machine does not have, but the benchmark's mode is `{mode}`",
            "set `mode = simulate` in the benchmark block");

    /// <summary>PL0432: a capacity plan beside a sweep.</summary>
    public static Diagnostic CapacityWithSweep(SourceText source, TextSpan span, int sweepLine) =>
        Error("PL0432", source, span, $"an experiment has either a sweep or a capacity plan, but this one also sweeps (line {sweepLine})",
            "move the swept settings into the capacity block as axes");

    /// <summary>PL0433: a candidate accelerator with no price to weigh it by.</summary>
    public static Diagnostic AcceleratorWithoutPrice(SourceText source, TextSpan span, string accelerator) =>
        Error("PL0433", source, span, $"accelerator `{accelerator}` has no price per hour, so a capacity plan cannot weigh it",
            $"declare one: `accelerator {accelerator} {{ price = 4 USD/h }}`");

    /// <summary>PL0434: a capacity plan with too many candidates.</summary>
    public static Diagnostic TooManyCandidates(SourceText source, TextSpan span, long candidates, int limit) =>
        Error("PL0434", source, span, $"the capacity plan has {candidates} candidates, more than {limit}",
            "use fewer values per axis; each candidate is a peak search of tens of runs");

    /// <summary>PL0442: a capacity axis that is neither an accelerator setting nor a numeric setting of the experiment.</summary>
    public static Diagnostic UnknownCapacityAxis(SourceText source, TextSpan span, string path, string? suggestion) =>
        Error("PL0442", source, span, $"`{path}` is not an accelerator setting or a numeric setting of this experiment",
            suggestion is not null ? DidYouMean(suggestion)
                : "axes name `hardware.accelerator`, `disaggregation.prefill.accelerator`, `disaggregation.decode.accelerator` or a numeric setting such as `hardware.tp`");
}
