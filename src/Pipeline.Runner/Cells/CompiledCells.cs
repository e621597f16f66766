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
    private static readonly LinkedList<(string Key, CompilationResult Compiled)> Recent = new();
    private static readonly Lock Gate = new();

    public static CompilationResult Compile(ExperimentCell cell, SourceText source)
    {
        var key = string.Join('\0', cell.Files.SelectMany(i => new[] { i.Key, i.Value }).Prepend(cell.Source).Prepend(cell.Path));
        lock (Gate)
        {
            if (Recent.FirstOrDefault(r => r.Key == key) is { Compiled: not null } hit) return hit.Compiled;
        }
        var compiled = ExperimentCompiler.Compile(source, cell.ReadFile);
        lock (Gate)
        {
            Recent.AddFirst((key, compiled));
            while (Recent.Count > Kept) Recent.RemoveLast();
        }
        return compiled;
    }
}
