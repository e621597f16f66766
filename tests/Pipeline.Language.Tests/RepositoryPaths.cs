namespace Pipeline.Language.Tests;

/// <summary>Finds the repository root by walking up to <c>Pipeline.sln</c>.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Examples => Path.Combine(Root, "examples");

    public static IEnumerable<string> PipeFiles() =>
        Directory.EnumerateFiles(Examples, "*.pipe", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "spec", "conformance", "valid"), "*.pipe"))
            .Order(StringComparer.Ordinal);
}
