using Pipeline.Core.IO;

namespace Pipeline.Cli;

/// <summary>
/// Checks that input files named on the command line are readable regular files before any work starts: a directory,
/// a FIFO (which would hang) or a device such as <c>/dev/zero</c> (which never ends) is a usage error, never opened.
/// </summary>
internal static class InputFile
{
    /// <summary>Largest experiment file read: 16 MiB.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>True when every path is usable; otherwise prints one line per problem.</summary>
    public static bool AllExist(IEnumerable<string> paths, CliOutput output)
    {
        var ok = true;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                output.Error.WriteLine($"error: '{path}' is a directory; expected an experiment file (.pipe)");
                ok = false;
            }
            else if (!File.Exists(path))
            {
                output.Error.WriteLine($"error: file not found: {path}");
                ok = false;
            }
            else if (InputFiles.Check(path, MaxBytes) is { } problem)
            {
                output.Error.WriteLine($"error: {problem.Message} ({problem.Hint})");
                ok = false;
            }
        }
        return ok;
    }
}
