namespace Pipeline.Cli;

/// <summary>
/// Checks <c>--out</c> before any work starts: a run that ends by failing to write its results wastes the run and
/// reads like a crash. The folder is created if missing and a probe file written and removed.
/// </summary>
internal static class OutputFolder
{
    /// <summary>True (after printing the usage error) when <c>--out</c> was given and cannot receive results.</summary>
    public static bool Refuses(string? path, CliOutput output)
    {
        if (path is null || Problem(path) is not { } problem) return false;
        output.Error.WriteLine("error: " + problem);
        return true;
    }

    /// <summary>Null when <paramref name="path"/> can receive results; otherwise what is wrong, as one line naming <paramref name="option"/>.</summary>
    public static string? Problem(string path, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(path)) return $"{option} needs a folder path; it was empty";
        if (File.Exists(path)) return $"{option} '{path}' is a file; give a folder (it is created if missing)";
        return CannotWrite(path) is { } reason ? $"{option} '{path}' cannot be written: {reason}" : null;
    }

    /// <summary>Null when a file can be written in <paramref name="folder"/> (created if missing); otherwise why not.</summary>
    public static string? CannotWrite(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".pipeline-write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }
}
