using Pipeline.Core.Text;

namespace Pipeline.Compiler.Internal;

/// <summary>Paths written in a file are relative to that file.</summary>
internal static class Paths
{
    /// <summary>The path joined to the directory of the file it is written in (kept relative when the file's path is).</summary>
    public static string Relative(SourceText source, string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var directory = Path.GetDirectoryName(source.Path);
        return string.IsNullOrEmpty(directory) ? path : Path.Combine(directory, path).Replace('\\', '/');
    }
}
