using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli;

/// <summary>Prints diagnostics in compiler style and counts them.</summary>
internal static class DiagnosticPrinter
{
    /// <summary>Prints each diagnostic (located headline, source line, carets, hint) and returns the number of errors.</summary>
    public static int Print(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        var errors = 0;
        foreach (var diagnostic in diagnostics)
        {
            writer.Write(DiagnosticRenderer.Render(diagnostic));
            writer.WriteLine();
            if (diagnostic.IsError) errors++;
        }
        return errors;
    }
}
