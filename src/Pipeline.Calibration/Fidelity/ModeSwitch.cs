using System.Globalization;
using Pipeline.Core.Text;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Rewrites an execute experiment's text into its simulate twin, through the syntax tree: the experiment's
/// <c>benchmark { mode = ... }</c> value becomes <c>simulate</c>; with a calibration file, the file is imported and
/// <c>hardware { accelerator = ... }</c> names the calibrated accelerator. The result is compiled like any text,
/// so the plan is the compiler's, never an edited one.
/// </summary>
public static class ModeSwitch
{
    /// <summary>The simulate twin's text, or the problem that prevents one.</summary>
    /// <param name="source">The experiment file (execute mode).</param>
    /// <param name="import">Absolute path of a calibration file to import, or null.</param>
    /// <param name="accelerator">The accelerator the calibration file declares (used with <paramref name="import"/>).</param>
    public static (string? Text, string? Problem) ToSimulate(SourceText source, string? import, string accelerator)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parsed = ExperimentParser.Parse(source);
        var experiment = parsed.Document.Blocks.FirstOrDefault(b => b.Keyword.Text == "experiment" && !b.IsReference);
        if (experiment is null) return (null, "no experiment block");
        var mode = Setting(experiment, "benchmark", "mode");
        if (mode is not null and not SymbolSyntax { Name: "execute" }) return (null, "not an execute experiment (benchmark { mode = execute })");
        var benchmark = experiment.Statements.OfType<BlockSyntax>().LastOrDefault(b => b.Keyword.Text == "benchmark" && !b.IsReference);
        var edits = new List<(TextSpan Span, string Text)>
        {
            // Without a mode the default (execute for a local accelerator) applies: add one.
            mode is not null ? (mode.Span, "simulate")
                : benchmark is not null ? (new TextSpan(benchmark.CloseBrace.Start, 0), "  mode = simulate ")
                : (new TextSpan(experiment.CloseBrace.Start, 0), "  benchmark { mode = simulate }\n"),
        };
        if (import is not null)
        {
            var hardware = Setting(experiment, "hardware", "accelerator");
            if (hardware is null) return (null, "no hardware { accelerator = ... } to calibrate");
            edits.Add((hardware.Span, accelerator));
        }
        var text = source.Content;
        foreach (var (span, replacement) in edits.OrderByDescending(e => e.Span.Start))
        {
            text = string.Concat(text.AsSpan(0, span.Start), replacement, text.AsSpan(span.Start + span.Length));
        }
        if (import is not null) text = string.Create(CultureInfo.InvariantCulture, $"import \"{import}\"\n{text}");
        return (text, null);
    }

    private static ValueSyntax? Setting(BlockSyntax experiment, string block, string key) =>
        experiment.Statements.OfType<BlockSyntax>().Where(b => b.Keyword.Text == block && !b.IsReference)
            .SelectMany(b => b.Statements.OfType<SettingSyntax>()).LastOrDefault(s => s.Key.Text == key)?.Value;
}
