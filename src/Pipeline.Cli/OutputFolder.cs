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
        if (path is null) return false;
        if (Problem(path) is { } problem)
        {
            output.Error.WriteLine("error: " + problem);
            return true;
        }
        if (Earlier(path) is { Length: > 0 } earlier)
        {
            // Files of the same names are replaced; the others would sit beside this run's as if they were its own.
            output.Error.WriteLine($"warning: --out '{path}' already holds {earlier} from an earlier run; files this run writes replace theirs, the rest stay: give an empty folder to keep the two apart");
        }
        return false;
    }

    /// <summary>What an earlier run left in <paramref name="folder"/> (sweep cells, files), listed briefly; empty when nothing.</summary>
    private static string Earlier(string folder)
    {
        try
        {
            var isCell = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
                .ToLookup(e => e.StartsWith("run-", StringComparison.Ordinal) && Directory.Exists(Path.Combine(folder, e)));
            int cells = isCell[true].Count();
            var others = isCell[false].ToArray();
            var parts = new List<string>();
            if (cells > 0) parts.Add($"{cells} sweep cell folder(s) (run-N/)");
            if (others.Length > 0) parts.Add(string.Join(", ", others.Take(4)) + (others.Length > 4 ? $" and {others.Length - 4} more" : ""));
            return string.Join(" and ", parts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
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
