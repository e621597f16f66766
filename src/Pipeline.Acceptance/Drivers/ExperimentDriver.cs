using Pipeline.Acceptance.Internal;
using Pipeline.Compiler;
using Pipeline.Core.Text;
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
    private readonly List<SettingEdit> _edits = [];
    private CompilationResult? _compilation;

    /// <summary>Creates the driver; paths resolve with <paramref name="paths"/>.</summary>
    public ExperimentDriver(PathResolver paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths;
    }

    /// <summary>The experiment's source, once one is given.</summary>
    public SourceText? Source { get; private set; }

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

    /// <summary>Uses inline experiment text, as if it were a file named <c>inline.pipe</c> beside the feature.</summary>
    public void LoadText(string text, string featureDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        Use(new SourceText(Path.Combine(featureDirectory, "inline.pipe"), text));
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
        _edits.Add(new SettingEdit(block, key, value));
    }

    /// <summary>Removes the setting <paramref name="key"/> from the experiment's <paramref name="block"/>, if written.</summary>
    public void Remove(string block, string key) => _edits.Add(new SettingEdit(block, key, null));

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
            var errors = string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
            var changed = _edits.Count == 0 ? string.Empty : $" with the scenario's changes ({string.Join("; ", Changes)})";
            throw new InvalidOperationException($"{Source!.Path} does not compile{changed}:{Environment.NewLine}{errors}");
        }
        return compilation.Plan;
    }

    private void Use(SourceText source)
    {
        Source = source;
        _compilation = null;
        _edits.Clear();
        Scenario = null;
    }
}
