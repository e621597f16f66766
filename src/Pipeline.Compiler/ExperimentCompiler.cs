using Pipeline.Compiler.Binding;
using Pipeline.Compiler.Internal;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;
using Pipeline.Plans;

namespace Pipeline.Compiler;

/// <summary>
/// Compiles an experiment file to an <see cref="ExperimentPlan"/>: parse, follow imports, collect declarations,
/// bind and check the experiment, expand its sweep. Never throws on bad input; problems are diagnostics.
/// </summary>
public static partial class ExperimentCompiler
{
    private static readonly string[] TopLevel = ["import", "experiment", "model", "accelerator"];
    private const string UnterminatedString = "PL0002";

    /// <summary>Reads and compiles a file; the files it refers to (imports, traces) are read from the file system.</summary>
    /// <exception cref="IOException">The experiment file itself cannot be read (callers check it exists).</exception>
    public static CompilationResult CompileFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Compile(SourceText.FromFile(path));
    }

    /// <summary>Compiles a source text.</summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="readFile">
    /// Reads a file the experiment refers to (an import, a trace): absolute path to content, or null when missing.
    /// Defaults to the file system (<see cref="ReadFileFromDisk"/>).
    /// </param>
    public static CompilationResult Compile(SourceText source, Func<string, string?>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bag = new DiagnosticBag();
        var read = readFile ?? ReadFileFromDisk;
        if (Declarations(source, read, bag) is not var (models, accelerators, experiments))
        {
            return Done(null, bag, []);
        }
        var context = new BindContext(source, bag, models, accelerators, new Dictionary<string, SweepOverride>()) { ReadFile = read };
        var plan = ExperimentBinder.Bind(context, experiments[0]);
        var sweep = experiments[0].Statements.OfType<BlockSyntax>().FirstOrDefault(b => b.Keyword.Text == "sweep" && !b.IsReference);
        if (plan is not null && CapacityBlock(experiments[0]) is { } capacity)
        {
            plan = plan with { Capacity = CapacityBinder.Bind(context, capacity, plan, sweep) };
            if (bag.HasErrors) return Done(null, bag, []);
        }
        if (plan is null || sweep is null) return Done(plan, bag, plan is null ? [] : [plan]);
        var axes = SweepBinder.Axes(context, sweep);
        if (plan.Benchmark.Search is not null && axes.FirstOrDefault(a => a.Path is BenchmarkBinder.RatePath or WorkloadBinder.SpeedPath) is { } swept)
        {
            bag.Add(DiagnosticCatalog.SearchNeedsPoissonRate(source, swept.Span, $"`{swept.Path}` is also swept"));
        }
        if (bag.HasErrors) return Done(null, bag, []);
        var matrix = SweepBinder.Expand(axes);
        var runs = new List<ExperimentPlan>();
        foreach (var cell in matrix.Runs)
        {
            var run = BindCell(source, read, models, accelerators, experiments[0], axes, cell, bag);
            if (run is not null) runs.Add(run with { Benchmark = run.Benchmark with { Sweep = matrix } });
        }
        return bag.HasErrors ? Done(null, bag, []) : Done(plan with { Benchmark = plan.Benchmark with { Sweep = matrix } }, bag, runs);
    }

    /// <summary>
    /// Compiles the experiment with numeric settings replaced, as a sweep cell is compiled (the sweep block itself is
    /// not expanded): a sweep run's settings, a peak search's probe rate (<c>workload.arrivals.rate</c>), or both.
    /// Paths the experiment does not have are ignored; an invalid value is a diagnostic.
    /// </summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="settings">Setting paths and values in base units.</param>
    /// <param name="readFile">Reads a file the experiment refers to (an import, a trace); defaults to the file system.</param>
    /// <param name="scenario">
    /// Compiles the experiment as if its benchmark's scenario were this one (to compare scenarios of one deployment):
    /// <c>preset = mlperf</c> and <c>slo = mlperf</c> then take that scenario's rules; limits written out stay.
    /// </param>
    public static CompilationResult CompileCell(SourceText source, IReadOnlyList<KeyValuePair<string, double>> settings,
        Func<string, string?>? readFile = null, Scenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        var bag = new DiagnosticBag();
        var read = readFile ?? ReadFileFromDisk;
        if (Declarations(source, read, bag) is not var (models, accelerators, experiments))
        {
            return Done(null, bag, []);
        }
        var anchor = experiments[0].Keyword.Span;
        var overrides = settings.ToDictionary(s => s.Key, s => new SweepOverride(s.Value, anchor), StringComparer.Ordinal);
        var plan = ExperimentBinder.Bind(new BindContext(source, bag, models, accelerators, overrides) { ScenarioOverride = scenario, ReadFile = read }, experiments[0]);
        return Done(plan, bag, plan is null ? [] : [plan]);
    }

    /// <summary>Parses, follows imports and collects declarations; null (with the diagnostics) when there is no experiment.</summary>
    private static (Dictionary<string, Declaration> Models, Dictionary<string, Declaration> Accelerators, List<BlockSyntax> Experiments)? Declarations(
        SourceText source, Func<string, string?> readFile, DiagnosticBag bag)
    {
        var parsed = ExperimentParser.Parse(source);
        if (parsed.Diagnostics.FirstOrDefault(d => d.Code == UnterminatedString) is { } unterminated)
        {
            // Everything after an unclosed string is read as part of it: the errors that follow (and unbalanced braces)
            // are its cascade. Report it with only the independent errors before it, and bind nothing.
            bag.AddRange(parsed.Diagnostics.Where(d => d.Code == UnterminatedString
                || (d.Span.Start < unterminated.Span.Start && d.Code is not ("PL0004" or "PL0005"))));
            return null;
        }
        bag.AddRange(parsed.Diagnostics);
        var imports = ImportResolver.Resolve(parsed.Document, readFile, bag);
        var models = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        var accelerators = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        var experiments = new List<BlockSyntax>();
        foreach (var document in imports.Prepend(parsed.Document))
        {
            Declare(document, document == parsed.Document, models, accelerators, experiments, bag);
        }
        if (experiments.Count == 0)
        {
            if (!bag.HasErrors) bag.Add(DiagnosticCatalog.NoExperiment(source, new TextSpan(0, 0)));
            return null;
        }
        for (var i = 1; i < experiments.Count; i++)
        {
            bag.Add(DiagnosticCatalog.MultipleExperiments(source, experiments[i].Keyword.Span, source.GetLocation(experiments[0].Span.Start).Line));
        }
        return (models, accelerators, experiments);
    }

    private static ExperimentPlan? BindCell(SourceText source, Func<string, string?> readFile, Dictionary<string, Declaration> models, Dictionary<string, Declaration> accelerators,
        BlockSyntax experiment, IReadOnlyList<SweepAxisSpec> axes, SweepRun cell, DiagnosticBag bag)
    {
        var overrides = cell.Settings.ToDictionary(s => s.Key, s => new SweepOverride(s.Value, axes.First(a => a.Path == s.Key).Span), StringComparer.Ordinal);
        var cellBag = new DiagnosticBag();
        var run = ExperimentBinder.Bind(new BindContext(source, cellBag, models, accelerators, overrides) { ReadFile = readFile }, experiment);
        var label = string.Join(", ", cell.Settings.Select(s => $"{s.Key} = {ValueReader.Format(s.Value, axes.First(a => a.Path == s.Key).Dimension)}"));
        foreach (var diagnostic in cellBag.Where(d => d.IsError))
        {
            var message = $"in sweep run {cell.Index} ({label}): {diagnostic.Message}";
            if (!bag.Any(d => d.Code == diagnostic.Code && d.Span == diagnostic.Span && d.Message.EndsWith(diagnostic.Message, StringComparison.Ordinal)))
            {
                bag.Add(diagnostic with { Message = message });
            }
        }
        return run;
    }

    private static void Declare(DocumentSyntax document, bool isRoot, Dictionary<string, Declaration> models,
        Dictionary<string, Declaration> accelerators, List<BlockSyntax> experiments, DiagnosticBag bag)
    {
        var source = document.Source;
        foreach (var item in document.Items)
        {
            switch (item)
            {
                case SettingSyntax setting:
                    bag.Add(DiagnosticCatalog.NotAllowedAtTopLevel(source, setting.Key.Span, setting.Key.Text));
                    break;
                case BlockSyntax block when !TopLevel.Contains(block.Keyword.Text):
                    bag.Add(DiagnosticCatalog.NotAllowedAtTopLevel(source, block.Keyword.Span, block.Keyword.Text));
                    break;
                case BlockSyntax block when block.IsReference:
                    bag.Add(DiagnosticCatalog.BlockNeedsBody(source, block.Span, block.Keyword.Text, block.Name?.Text));
                    break;
                case BlockSyntax block when block.Name is null:
                    bag.Add(DiagnosticCatalog.MissingBlockName(source, block.Keyword.Span, block.Keyword.Text));
                    break;
                case BlockSyntax { Keyword.Text: "experiment" } block:
                    if (isRoot) experiments.Add(block);
                    else bag.Add(DiagnosticCatalog.ExperimentInImport(source, block.Name!.Span, block.Name.Text));
                    break;
                case BlockSyntax block:
                    var table = block.Keyword.Text == "model" ? models : accelerators;
                    var declaration = new Declaration(block, source);
                    if (!table.TryAdd(declaration.Name, declaration))
                    {
                        var first = table[declaration.Name];
                        bag.Add(DiagnosticCatalog.DuplicateDeclaration(source, block.Name!.Span, block.Keyword.Text, declaration.Name, first.Source.GetLocation(first.Block.Name!.Span.Start)));
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Reads a file an experiment refers to from the file system, as the compiler does by default: its text, or null
    /// when it is missing or cannot be used (a directory, a FIFO, a device, unreadable, over
    /// <see cref="Core.Traces.TraceFile.MaxBytes"/>; the compiler then says which). An unchanged file (same size and
    /// write time) gives the same string again, so the sweep cells and search probes that bind one experiment many
    /// times read and parse its trace once.
    /// </summary>
    public static string? ReadFileFromDisk(string path) => DiskFiles.Read(path);

    private static CompilationResult Done(ExperimentPlan? plan, DiagnosticBag bag, IReadOnlyList<ExperimentPlan> runs) =>
        bag.HasErrors ? new CompilationResult(null, bag.Sorted(), []) : new CompilationResult(plan, bag.Sorted(), runs);
}
