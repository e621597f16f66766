namespace Pipeline.Runner.Cells;

/// <summary>
/// One sweep cell as a unit of work: everything a process needs to compile and run it, as text. A cell never carries a
/// compiled plan: whoever runs it compiles <see cref="Source"/> (imports, traces and prompt datasets read from
/// <see cref="Files"/>, not the disk) and picks run <see cref="Index"/>, so a cell means the same on any machine with the
/// same Pipeline version, whether or not that machine has the experiment's folder. GGUF files (weights, a dataset's
/// tokenizer) are not carried: a cell that names one needs it at the same path there (a shared folder).
/// </summary>
/// <param name="Path">The experiment file's path (diagnostics name it; imports and data files resolve relative to it: see <see cref="Anchored"/>).</param>
/// <param name="Source">The experiment file's text.</param>
/// <param name="Files">Every text file the compiler read while compiling it: imports, traces, prompt datasets (absolute path, text), in ordinal path order.</param>
/// <param name="Index">The cell's run index in the compiled experiment (0 without a sweep).</param>
/// <param name="Seed">The seed override (<c>--seed</c>), or null for the workload's own seed.</param>
/// <param name="Kind">Run once, or search the peak rate.</param>
/// <param name="Reports">
/// Whether the cell's report files come back with its result (<see cref="CellResult.Files"/>: what <c>pipeline run
/// --out</c> writes into the cell's folder), for an executor whose runner writes reports (the cluster's does;
/// <see cref="LocalCellExecutor"/> only when given such a runner).
/// </param>
public sealed record ExperimentCell(
    string Path,
    string Source,
    IReadOnlyList<KeyValuePair<string, string>> Files,
    int Index,
    int? Seed,
    CellKind Kind,
    bool Reports = false)
{
    /// <summary>
    /// The cell with its <see cref="Path"/> made absolute against this process's working folder, for running it in
    /// another process: imports are looked up, and files the experiment names (traces, weights) are read, relative to it.
    /// </summary>
    public ExperimentCell Anchored() => this with { Path = System.IO.Path.GetFullPath(Path) };

    /// <summary>Reads a file from <see cref="Files"/>; null (the compiler's "not found") for any other path.</summary>
    public string? ReadFile(string path)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.Key, path, StringComparison.Ordinal)) return file.Value;
        }
        return null;
    }
}
