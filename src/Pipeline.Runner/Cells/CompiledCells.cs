using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Runner.Cells;

/// <summary>
/// The last few experiments compiled for cells, by their text: a process running many cells of one sweep compiles the
/// sweep once (a sweep of N runs binds N plans; doing that per cell would cost N squared).
/// </summary>
internal static class CompiledCells
{
    private const int Kept = 4;
    private static readonly LinkedList<(ExperimentCell Cell, CompilationResult Compiled)> Recent = new();
    private static readonly Lock Gate = new();

    public static CompilationResult Compile(ExperimentCell cell, SourceText source)
    {
        lock (Gate)
        {
            // Compared field by field, never joined into one key: a cell's files include its trace, which may be megabytes.
            foreach (var (seen, compiled) in Recent)
            {
                if (SameText(seen, cell)) return compiled;
            }
        }
        var result = ExperimentCompiler.Compile(source, cell.ReadFile);
        lock (Gate)
        {
            Recent.AddFirst((cell, result));
            while (Recent.Count > Kept) Recent.RemoveLast();
        }
        return result;
    }

    /// <summary>Whether two cells compile to the same experiment: the same path, source and files (index, seed and kind aside).</summary>
    private static bool SameText(ExperimentCell a, ExperimentCell b)
    {
        if (a.Path != b.Path || a.Source != b.Source || a.Files.Count != b.Files.Count) return false;
        for (var i = 0; i < a.Files.Count; i++)
        {
            if (a.Files[i].Key != b.Files[i].Key || a.Files[i].Value != b.Files[i].Value) return false;
        }
        return true;
    }
}
