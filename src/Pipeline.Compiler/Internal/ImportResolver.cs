using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;

namespace Pipeline.Compiler.Internal;

/// <summary>
/// Follows imports depth-first from the experiment file, parsing each file once. Missing files and cycles are
/// reported at the import that names them. Returns the imported documents in the order they were first reached.
/// </summary>
internal static class ImportResolver
{
    private const int MaxFiles = 256;

    /// <summary>Largest imported file read: 16 MiB (experiment files are a few KB).</summary>
    public const long MaxBytes = 16L << 20;

    public static IReadOnlyList<DocumentSyntax> Resolve(DocumentSyntax root, Func<string, string?> readFile, DiagnosticBag diagnostics)
    {
        var documents = new List<DocumentSyntax>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<(string Absolute, string Display)> { (Absolute(root.Source.Path), root.Source.Path) };
        Visit(root, readFile, diagnostics, documents, done, stack);
        return documents;
    }

    private static void Visit(DocumentSyntax document, Func<string, string?> readFile, DiagnosticBag diagnostics,
        List<DocumentSyntax> documents, HashSet<string> done, List<(string Absolute, string Display)> stack)
    {
        foreach (var import in document.Imports)
        {
            var written = import.Path.Value;
            if (written.Length == 0 || written.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                diagnostics.Add(DiagnosticCatalog.ImportNotFound(document.Source, import.Path.Span, written, written));
                continue;
            }
            var absolute = Absolute(Paths.Relative(new SourceText(stack[^1].Absolute, string.Empty), written));
            var cycleStart = stack.FindIndex(s => s.Absolute == absolute);
            if (cycleStart >= 0)
            {
                var chain = stack.Skip(cycleStart).Select(s => Path.GetFileName(s.Display)).Append(Path.GetFileName(written));
                diagnostics.Add(DiagnosticCatalog.ImportCycle(document.Source, import.Span, chain));
                continue;
            }
            if (done.Contains(absolute)) continue;
            if (documents.Count >= MaxFiles) return;
            var content = readFile(absolute);
            // The reader's cap is a trace's; an import has its own, far smaller one (a char is at most three UTF-8 bytes, so only a long text needs counting).
            if (content is null || (content.Length > MaxBytes / 4 && System.Text.Encoding.UTF8.GetByteCount(content) > MaxBytes))
            {
                // A path that is there but cannot be used (a directory, a FIFO, a device, unreadable) says so; only a
                // missing one is "not found".
                var problem = File.Exists(absolute) || Directory.Exists(absolute)
                    ? Core.IO.InputFiles.Check(absolute, MaxBytes) ?? Core.IO.InputFiles.ReadText(absolute, MaxBytes).Problem
                    : null;
                diagnostics.Add(problem is not null
                    ? DiagnosticCatalog.FileUnusable(document.Source, import.Path.Span, "import", problem.Message, problem.Hint)
                    : DiagnosticCatalog.ImportNotFound(document.Source, import.Path.Span, written, absolute));
                continue;
            }
            done.Add(absolute);
            var display = Paths.Relative(document.Source, written);
            var parsed = ExperimentParser.Parse(new SourceText(display, content));
            diagnostics.AddRange(parsed.Diagnostics);
            documents.Add(parsed.Document);
            stack.Add((absolute, display));
            Visit(parsed.Document, readFile, diagnostics, documents, done, stack);
            stack.RemoveAt(stack.Count - 1);
        }
    }

    private static string Absolute(string path) => Path.GetFullPath(path);
}
