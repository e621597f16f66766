using Pipeline.Compiler.Internal;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Syntax;
using Pipeline.Plans.Capacity;

namespace Pipeline.Compiler;

/// <summary>Capacity candidates: each is the experiment compiled again with its settings, as a sweep cell is.</summary>
public static partial class ExperimentCompiler
{
    /// <summary>
    /// Compiles one capacity candidate: the experiment with the candidate's settings (numbers and accelerator names)
    /// in place of its own, and its Poisson rate set to <paramref name="rate"/> when given (a peak search's probe).
    /// Every check runs again; a candidate that does not fit or does not divide the heads fails with its diagnostics.
    /// </summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="candidate">One of the plan's <see cref="CapacityPlan.Candidates"/>.</param>
    /// <param name="rate">The arrival rate in requests per second, or null for the workload's own.</param>
    /// <param name="readFile">Reads a file the experiment refers to (an import, a trace); defaults to the file system.</param>
    public static CompilationResult CompileCandidate(SourceText source, CapacityCandidate candidate, double? rate = null, Func<string, string?>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(candidate);
        var bag = new DiagnosticBag();
        var read = readFile ?? ReadFileFromDisk;
        if (Declarations(source, read, bag) is not var (models, accelerators, experiments))
        {
            return Done(null, bag, []);
        }
        var anchor = experiments[0].Keyword.Span;
        var numbers = candidate.Numbers.ToDictionary(s => s.Key, s => new SweepOverride(s.Value, anchor), StringComparer.Ordinal);
        if (rate is { } r) numbers[Binding.BenchmarkBinder.RatePath] = new SweepOverride(r, anchor);
        var names = candidate.Names.ToDictionary(s => s.Key, s => new NameOverride(s.Value, anchor), StringComparer.Ordinal);
        var context = new BindContext(source, bag, models, accelerators, numbers) { NameOverrides = names, ReadFile = read };
        var plan = Binding.ExperimentBinder.Bind(context, experiments[0]);
        return Done(plan, bag, plan is null ? [] : [plan]);
    }

    private static BlockSyntax? CapacityBlock(BlockSyntax experiment) =>
        experiment.Statements.OfType<BlockSyntax>().FirstOrDefault(b => b.Keyword.Text == "capacity" && !b.IsReference);
}
