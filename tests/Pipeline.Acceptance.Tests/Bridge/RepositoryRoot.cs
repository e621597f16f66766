namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding Pipeline.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    public static string Path => s_path.Value;

    public static string Combine(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        }
        // Outside a checkout the features are not there to run; discovery then finds none.
        return AppContext.BaseDirectory;
    }
}
