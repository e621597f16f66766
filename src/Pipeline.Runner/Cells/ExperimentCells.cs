using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Cells;

/// <summary>Cuts an experiment into its cells: one per compiled run, each carrying the source and the files it refers to (imports, traces) as text.</summary>
public static class ExperimentCells
{
    /// <summary>
    /// Compiles <paramref name="source"/> (its imports and trace through <paramref name="readFile"/>, the file system by
    /// default), recording every file read, and returns its cells. A run is a <see cref="CellKind.PeakSearch"/> when
    /// <paramref name="peak"/> is set or the file asks for a search.
    /// </summary>
    public static CellSet Compile(SourceText source, int? seed = null, bool peak = false, Func<string, string?>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var compiled = CompileRecording(source, readFile, out var shipped);
        if (!compiled.Success) return new CellSet(compiled, []);
        var cells = compiled.Runs
            .Select((plan, index) => new ExperimentCell(source.Path, source.Content, shipped, index, seed,
                peak || plan.Benchmark.Search is not null ? CellKind.PeakSearch : CellKind.Run))
            .ToArray();
        return new CellSet(compiled, cells);
    }

    /// <summary>Compiles <paramref name="source"/>, recording every file read (absolute path, text) in ordinal path order.</summary>
    internal static CompilationResult CompileRecording(SourceText source, Func<string, string?>? readFile, out KeyValuePair<string, string>[] files)
    {
        var read = readFile ?? ExperimentCompiler.ReadFileFromDisk;
        var recorded = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var compiled = ExperimentCompiler.Compile(source, path =>
        {
            var text = read(path);
            if (text is not null) recorded[path] = text;
            return text;
        });
        files = recorded.ToArray();
        return compiled;
    }
}
