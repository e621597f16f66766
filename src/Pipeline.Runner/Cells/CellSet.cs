using Pipeline.Compiler;

namespace Pipeline.Runner.Cells;

/// <summary>A compiled experiment and its cells, one per run (none when it does not compile).</summary>
/// <param name="Compiled">The compilation, for diagnostics, headings and reports.</param>
/// <param name="Cells">Cell <c>i</c> is run <c>i</c> of <see cref="Compiled"/>.</param>
public sealed record CellSet(CompilationResult Compiled, IReadOnlyList<ExperimentCell> Cells);
