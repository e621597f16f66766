namespace Pipeline.Cli;

/// <summary>Checks that input files named on the command line exist before any work starts.</summary>
internal static class InputFile
{
    /// <summary>True when every path exists; otherwise prints one line per missing file.</summary>
    public static bool AllExist(IEnumerable<string> paths, CliOutput output)
    {
        var ok = true;
        foreach (var path in paths)
        {
            if (File.Exists(path)) continue;
            output.Error.WriteLine(Directory.Exists(path)
                ? $"error: '{path}' is a directory; expected an experiment file (.pipe)"
                : $"error: file not found: {path}");
            ok = false;
        }
        return ok;
    }
}
