using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// The experiment a scenario is about: its file (or inline text), its compilation, and the changes that
/// <c>Given its ...</c> steps make to its plan. One instance per scenario (Reqnroll context injection).
/// </summary>
public sealed class ExperimentDriver
{
    private readonly PathResolver _paths;
    private readonly List<(string Description, Func<ExperimentPlan, ExperimentPlan> Change)> _changes = [];
    private CompilationResult? _compilation;

    /// <summary>Creates the driver; paths resolve with <paramref name="paths"/>.</summary>
    public ExperimentDriver(PathResolver paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths;
    }

    /// <summary>The experiment's source, once one is given.</summary>
    public SourceText? Source { get; private set; }

    /// <summary>How the scenario changed the compiled plan, in order (for messages).</summary>
    public IEnumerable<string> Changes => _changes.Select(c => c.Description);

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

    /// <summary>Records a change to the compiled plan (applied in order by <see cref="Plan"/>).</summary>
    public void Change(string description, Func<ExperimentPlan, ExperimentPlan> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _changes.Add((description, change));
    }

    /// <summary>
    /// The benchmark scenario the experiment runs under when a step chose one (<c>Given its scenario is single-stream</c>):
    /// the file is compiled again under it, so <c>preset = mlperf</c> and <c>slo = mlperf</c> follow it.
    /// </summary>
    public Scenario? Scenario { get; private set; }

    /// <summary>Runs the experiment under another benchmark scenario (compiled again, before the other changes).</summary>
    public void UseScenario(Scenario scenario) => Scenario = scenario;

    /// <summary>The compiled plan with the scenario's changes applied; fails when the file has errors.</summary>
    public ExperimentPlan Plan()
    {
        var compilation = Scenario is { } scenario
            ? ExperimentCompiler.CompileCell(Source ?? throw new InvalidOperationException("no experiment was given"), [], scenario: scenario)
            : Compile();
        if (!compilation.Success || compilation.Plan is null)
        {
            var errors = string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
            throw new InvalidOperationException($"{Source!.Path} does not compile:{Environment.NewLine}{errors}");
        }
        return _changes.Aggregate(compilation.Plan, (plan, c) => c.Change(plan));
    }

    private void Use(SourceText source)
    {
        Source = source;
        _compilation = null;
        _changes.Clear();
        Scenario = null;
    }
}
