using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Calibration.Published;

/// <summary>
/// Compiles every row's experiment before any is simulated: a row whose figures the language refuses (a target rate
/// whose run would exceed the compiler's request bound, say) is a located <c>PLC001</c> at its line in the table, not a
/// failure minutes into the simulations.
/// </summary>
public static class PublishedRowChecks
{
    /// <summary>Diagnostics for the rows of <paramref name="table"/> whose experiment does not compile.</summary>
    public static IReadOnlyList<Diagnostic> Compile(SourceText table, IEnumerable<(PublishedResult Row, string Text)> experiments)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(experiments);
        var diagnostics = new List<Diagnostic>();
        foreach (var (row, text) in experiments)
        {
            var compiled = ExperimentCompiler.Compile(new SourceText($"row-{row.Line}.pipe", text));
            if (compiled.Success) continue;
            int start = table.GetOffset(row.Line, 1);
            diagnostics.Add(new Diagnostic(PublishedResultsReader.MalformedTable, DiagnosticSeverity.Error,
                $"row {row.Line}: its simulated experiment does not compile: {string.Join("; ", compiled.Errors.Select(e => e.Message))}",
                table, new TextSpan(start, table.GetLine(row.Line).TrimEnd('\r').Length)));
        }
        return diagnostics;
    }
}
