using System.Text;
using Pipeline.Acceptance.Bridge;
using Pipeline.Acceptance.Internal;
using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;
using Pipeline.Plans;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// The experiment a scenario is about: its file (or inline text), its compilation, and the changes that
/// <c>Given its ...</c> steps make to its settings. Changes edit the experiment's text and recompile it, so each
/// variant is checked by the compiler and its plan derived from the changed values (never patched with <c>with</c>).
/// One instance per scenario (Reqnroll context injection).
/// </summary>
public sealed class ExperimentDriver
{
    private readonly PathResolver _paths;
    private readonly CurrentStep _step;
    private readonly List<SettingEdit> _edits = [];
    private CompilationResult? _compilation;

    /// <summary>Creates the driver; paths resolve with <paramref name="paths"/>, and <paramref name="step"/> says which step of which feature is running.</summary>
    public ExperimentDriver(PathResolver paths, CurrentStep step)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(step);
        _paths = paths;
        _step = step;
    }

    /// <summary>The experiment's source, once one is given.</summary>
    public SourceText? Source { get; private set; }

    /// <summary>The line of <see cref="Source"/> the experiment's text starts on: 1 for a file, the doc string's first line for text written in a feature.</summary>
    public int FirstLine { get; private set; } = 1;

    /// <summary>What the experiment is, for messages: its file, or where in a feature its text is written.</summary>
    public string Description => Source is null ? "no experiment"
        : FirstLine == 1 ? Source.Path : $"the experiment written at {Source.Path}:{FirstLine}";

    /// <summary>
    /// The line of <paramref name="diagnostic"/> counted from the experiment's first line (what <c>at line N</c> in a
    /// feature means for an experiment written inline); a diagnostic about another file keeps its own line.
    /// </summary>
    public int LineInExperiment(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var line = diagnostic.Location.Line;
        return Source is not null && diagnostic.Source.Path == Source.Path ? line - FirstLine + 1 : line;
    }

    /// <summary>How the scenario changed the experiment's settings, in order (for messages).</summary>
    public IEnumerable<string> Changes => _edits.Select(e => e.ToString());

    /// <summary>Uses the experiment file at <paramref name="path"/> (see <see cref="PathResolver"/>).</summary>
    public void Load(string path)
    {
        var full = _paths.Resolve(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException(
                $"experiment file \"{path}\" was not found; looked in: {string.Join(", ", _paths.Candidates(path))}", path);
        }
        Use(SourceText.FromFile(full));
    }

    /// <summary>Uses experiment text written as the running step's doc string (see <see cref="LoadText(string, string, int, int)"/>).</summary>
    public void LoadText(string text)
    {
        var step = _step.Step ?? throw new InvalidOperationException("experiment text needs the feature step it is written in");
        LoadText(text, _step.FeaturePath!, step.DocStringLine, step.DocStringIndent);
    }

    /// <summary>
    /// Uses experiment text written in the feature file at <paramref name="featurePath"/>, starting on line
    /// <paramref name="firstLine"/> with <paramref name="indent"/> columns of indentation removed (a doc string), placed
    /// back where it is written: its diagnostics then give the feature's own lines and columns and quote its lines,
    /// and its imports resolve beside the feature.
    /// </summary>
    public void LoadText(string text, string featurePath, int firstLine, int indent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(featurePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(indent);
        var placed = new StringBuilder().Append('\n', firstLine - 1);
        var margin = new string(' ', indent);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) placed.Append('\n');
            if (lines[i].Length > 0) placed.Append(margin);
            placed.Append(lines[i]);
        }
        Use(new SourceText(Path.GetFullPath(featurePath), placed.ToString()));
        FirstLine = firstLine;
    }

    /// <summary>Compiles the experiment (once; later calls return the same result).</summary>
    public CompilationResult Compile()
    {
        var source = Source ?? throw new InvalidOperationException("no experiment was given: start with `Given the experiment \"file.pipe\"`");
        return _compilation ??= ExperimentCompiler.Compile(source);
    }

    /// <summary>
    /// Compiles the experiment as the repository's own tests do, named by its path relative to the repository
    /// root, so the plan's <c>source</c> line matches committed snapshots on any machine.
    /// </summary>
    public CompilationResult CompileAsInRepository()
    {
        var source = Source ?? throw new InvalidOperationException("no experiment was given");
        var root = _paths.RepositoryRoot ?? throw new InvalidOperationException("no repository root above the feature file");
        var relative = Path.GetRelativePath(root, source.Path).Replace('\\', '/');
        return ExperimentCompiler.Compile(new SourceText(relative, source.Content), absolute =>
        {
            // The compiler resolves imports against the working directory; map them back into the repository.
            var file = Path.Combine(root, Path.GetRelativePath(Directory.GetCurrentDirectory(), absolute));
            return File.Exists(file) ? File.ReadAllText(file) : null;
        });
    }

    /// <summary>
    /// Sets <c><paramref name="key"/> = <paramref name="value"/></c> (DSL text) in the experiment's
    /// <paramref name="block"/>, replacing what is written there; applied in order by <see cref="Plan"/>.
    /// </summary>
    public void Set(string block, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _edits.Add(new SettingEdit(block, key, value, MadeBy()));
    }

    /// <summary>Removes the setting <paramref name="key"/> from the experiment's <paramref name="block"/>, if written.</summary>
    public void Remove(string block, string key) => _edits.Add(new SettingEdit(block, key, null, MadeBy()));

    /// <summary>
    /// The benchmark scenario the experiment runs under when a step chose one (<c>Given its scenario is single-stream</c>):
    /// the file is compiled again under it, so <c>preset = mlperf</c> and <c>slo = mlperf</c> follow it.
    /// </summary>
    public Scenario? Scenario { get; private set; }

    /// <summary>Runs the experiment under another benchmark scenario (compiled again, with the other changes).</summary>
    public void UseScenario(Scenario scenario) => Scenario = scenario;

    /// <summary>
    /// The experiment's plan: as compiled, or, after <see cref="Set"/>/<see cref="Remove"/>/<see cref="UseScenario"/>,
    /// the plan of its text with those changes, recompiled; fails with the compiler's errors when either does not compile.
    /// </summary>
    public ExperimentPlan Plan()
    {
        var compilation = Compile();
        if (compilation.Success && (_edits.Count > 0 || Scenario is not null))
        {
            var source = Source!;
            var text = _edits.Aggregate(source.Content, (current, edit) => edit.ApplyTo(new SourceText(source.Path, current)));
            var edited = new SourceText(source.Path, text);
            compilation = Scenario is { } scenario
                ? ExperimentCompiler.CompileCell(edited, [], scenario: scenario)
                : ExperimentCompiler.Compile(edited);
        }
        if (!compilation.Success || compilation.Plan is null)
        {
            var errors = string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError).Select(Explain));
            var changed = _edits.Count == 0 ? string.Empty : $" with the scenario's changes ({string.Join("; ", Changes)})";
            throw new InvalidOperationException($"{Description} does not compile{changed}:{Environment.NewLine}{errors}");
        }
        return compilation.Plan;
    }

    /// <summary>
    /// A diagnostic with its source line and carets, and, when it is about a setting a step wrote, which step of the
    /// feature wrote it: the line quoted is the changed text, which no file holds.
    /// </summary>
    public string Explain(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var rendered = DiagnosticRenderer.Render(diagnostic).TrimEnd();
        return EditBehind(diagnostic) is { MadeBy: { } step } edit
            ? $"{rendered}{Environment.NewLine}  = set by the step {step} ({edit})"
            : rendered;
    }

    // The last edit of the setting the diagnostic points into, if a step wrote it.
    private SettingEdit? EditBehind(Diagnostic diagnostic)
    {
        if (Source is null || _edits.Count == 0 || diagnostic.Source.Path != Source.Path) return null;
        var experiment = ExperimentParser.Parse(diagnostic.Source).Document.Blocks
            .FirstOrDefault(b => b.Keyword.Text == "experiment" && !b.IsReference);
        var position = diagnostic.Span.Start;
        foreach (var block in experiment?.Statements.OfType<BlockSyntax>() ?? [])
        {
            var setting = block.Statements.OfType<SettingSyntax>()
                .FirstOrDefault(s => s.Span.Start <= position && position < s.Span.Start + Math.Max(1, s.Span.Length));
            if (setting is not null)
            {
                return _edits.LastOrDefault(e => e.Value is not null && e.Block == block.Keyword.Text && e.Key == setting.Key.Text);
            }
        }
        return null;
    }

    // `Given its ...` at feature:line, for an edit's message.
    private string? MadeBy() => _step is { Step: { } step, Where: { } where } ? $"`{step}` at {where}" : null;

    private void Use(SourceText source)
    {
        Source = source;
        _compilation = null;
        _edits.Clear();
        Scenario = null;
    }
}
