namespace Pipeline.Compiler.Internal;

/// <summary>
/// What identifies an unchanged file to the compiler's read caches: its full path, size and last write time. A path no
/// file can have (a NUL in it) or a missing file has none, so it is never cached and its reader reports it.
/// </summary>
internal static class FileStamp
{
    public static string? Of(string path)
    {
        if (path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0) return null;
        var info = new FileInfo(path);
        return info.Exists ? $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}" : null;
    }
}
