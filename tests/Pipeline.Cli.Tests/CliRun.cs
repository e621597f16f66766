namespace Pipeline.Cli.Tests;

/// <summary>Runs the CLI in memory and captures exit code and output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = CliOutput.InMemory(out var stdout, out var stderr);
        var code = CliApplication.Run(args, output);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository root (the folder holding Pipeline.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Pipeline.sln not found above the test output folder.");
    }
}
