using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Units;

namespace Pipeline.Compiler.Internal;

/// <summary>
/// State shared by the binders of one experiment: diagnostics, declarations, the sweep cell's overrides, and the
/// numeric settings seen (with their dimensions), which are the paths a sweep may name.
/// </summary>
internal sealed class BindContext
{
    public BindContext(SourceText source, DiagnosticBag diagnostics, IReadOnlyDictionary<string, Declaration> models,
        IReadOnlyDictionary<string, Declaration> accelerators, IReadOnlyDictionary<string, SweepOverride> overrides)
    {
        Source = source;
        Diagnostics = diagnostics;
        Models = models;
        Accelerators = accelerators;
        Overrides = overrides;
    }

    /// <summary>The experiment file.</summary>
    public SourceText Source { get; }

    public DiagnosticBag Diagnostics { get; }

    public IReadOnlyDictionary<string, Declaration> Models { get; }

    public IReadOnlyDictionary<string, Declaration> Accelerators { get; }

    public IReadOnlyDictionary<string, SweepOverride> Overrides { get; }

    /// <summary>
    /// Set when the experiment is compiled as if its benchmark's scenario were this one (a scenario comparison): it
    /// replaces the written scenario and a preset's, and a peak search that does not apply to it is dropped.
    /// </summary>
    public Plans.Scenario? ScenarioOverride { get; init; }

    /// <summary>Accelerators a capacity candidate puts in place of the experiment's own, by setting path (<c>hardware.accelerator</c>).</summary>
    public IReadOnlyDictionary<string, NameOverride> NameOverrides { get; init; } = new Dictionary<string, NameOverride>(StringComparer.Ordinal);

    /// <summary>
    /// Reads a file the experiment refers to by its absolute path (an import, a trace): its text, or null when it is not
    /// there. The file system by default; a cell run in another process reads the files its submitter read.
    /// </summary>
    public Func<string, string?> ReadFile { get; init; } = ExperimentCompiler.ReadFileFromDisk;

    /// <summary>Every numeric setting path read, with its dimension, in first-read order.</summary>
    public Dictionary<string, Dimension> NumericPaths { get; } = new(StringComparer.Ordinal);

    public void Report(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);
}
