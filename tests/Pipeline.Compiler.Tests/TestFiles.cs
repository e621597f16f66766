using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Compiler.Tests;

/// <summary>Repository files, compiled with paths relative to the repository root so plans and diagnostics are machine-independent.</summary>
internal static class TestFiles
{
    public static readonly string Root = FindRoot();

    public static bool UpdateSnapshots => Environment.GetEnvironmentVariable("PIPELINE_UPDATE_SNAPSHOTS") == "1";

    public static string Full(string relative) => Path.Combine(Root, relative);

    public static IEnumerable<string> Relative(string folder, string pattern = "*.pipe", SearchOption option = SearchOption.TopDirectoryOnly) =>
        Directory.Exists(Full(folder))
            ? Directory.EnumerateFiles(Full(folder), pattern, option).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Examples (not the shared declaration files) and valid conformance cases.</summary>
    public static IEnumerable<string> ValidFiles() =>
        Relative("examples").Concat(Relative("spec/conformance/valid"));

    public static CompilationResult Compile(string relative) => Compile(relative, File.ReadAllText(Full(relative)));

    /// <summary>Compiles text as if it were the file at <paramref name="relative"/>; imports and traces resolve inside the repository.</summary>
    public static CompilationResult Compile(string relative, string content) =>
        ExperimentCompiler.Compile(new SourceText(relative, content), ReadFile);

    private static string? ReadFile(string absolute)
    {
        // The compiler makes the paths it reads absolute against the working directory; map them back into the repository.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), absolute);
        var file = Path.Combine(Root, relative);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>One line per diagnostic, Bicep-style: <c>line:col code message</c> (prefixed by the file when it is another file).</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics, string mainPath) =>
        string.Concat(diagnostics.Select(d =>
            (d.Source.Path == mainPath ? string.Empty : d.Source.Path + ":")
            + $"{d.Location.Line}:{d.Location.Column} {d.Code} {d.Message}\n"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
        // Files an experiment refers to (traces) are opened at compile time, relative to the working directory, as the
        // CLI does from the repository root: run this test process there too.
        Directory.SetCurrentDirectory(root);
        return root;
    }
}
