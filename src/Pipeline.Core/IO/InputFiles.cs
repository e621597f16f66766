using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Core.IO;

/// <summary>
/// Checks a file an experiment refers to (a trace, weights) before anything opens it for reading: it must exist, be a
/// regular file (never a directory, FIFO or device such as <c>/dev/zero</c>, which would hang or never end), be under
/// a size cap, and be readable. Problems are values; nothing here throws for a bad path.
/// </summary>
public static class InputFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, Fifo = 0x1000, CharDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000;

    /// <summary>The problem with <paramref name="path"/>, or null when it is a readable regular file of at most <paramref name="maxBytes"/>.</summary>
    public static InputFileProblem? Check(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = $"\"{path}\"";
        if (path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return new($"{shown.Replace("\0", "\\0", StringComparison.Ordinal)} holds a character no file name can hold (NUL)", "remove it from the path");
        }
        if (System.IO.Directory.Exists(path))
        {
            return new($"{shown} is a directory, not a file", "give the path of the file itself");
        }
        if (!File.Exists(path))
        {
            return new($"{shown} does not exist", "give a path relative to the experiment file, or an absolute path");
        }
        if (Kind(path) is { } kind && kind != Regular)
        {
            return new($"{shown} is {Describe(kind)}, not a regular file", "give a regular file; pipes and devices are never read");
        }
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                return new(string.Create(CultureInfo.InvariantCulture, $"{shown} is {length:N0} bytes, more than the {maxBytes:N0} bytes allowed"),
                    "split the file or use a smaller one");
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new($"{shown} cannot be read: {e.Message}", "check the file's permissions");
        }
    }

    /// <summary>Reads a file <see cref="Check"/> accepted; the problem instead when it cannot be read after all.</summary>
    public static (string? Text, InputFileProblem? Problem) ReadText(string path, long maxBytes)
    {
        if (Check(path, maxBytes) is { } problem) return (null, problem);
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (FirstInvalidUtf8(bytes) is { } at)
            {
                int line = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
                return (null, new(string.Create(CultureInfo.InvariantCulture, $"\"{path}\" is not UTF-8 text: line {line} holds byte 0x{bytes[at]:X2} (byte {at:N0} of the file), which starts no UTF-8 character"),
                    "save the file as UTF-8 (a character replaced without a word would change what was measured)"));
            }
            // Decoded as File.ReadAllText would (a byte order mark picks UTF-16 or UTF-32), from the bytes already read.
            using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return (reader.ReadToEnd(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new($"\"{path}\" cannot be read: {e.Message}", "check the file's permissions"));
        }
    }

    /// <summary>
    /// Where <paramref name="bytes"/> first break UTF-8, or null when they are UTF-8 (or UTF-16 or UTF-32 with a byte
    /// order mark, which <see cref="File.ReadAllText(string)"/> decodes as such).
    /// </summary>
    private static int? FirstInvalidUtf8(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..]) return null;
        var text = bytes.AsSpan(bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        if (System.Text.Unicode.Utf8.IsValid(text)) return null; // vectorised; the walk below only finds where
        int offset = bytes.Length - text.Length;
        while (!text.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(text, out _, out int consumed) != System.Buffers.OperationStatus.Done) return offset;
            text = text[consumed..];
            offset += consumed;
        }
        return null;
    }

    private static string Describe(int kind) => kind switch
    {
        Fifo => "a named pipe (FIFO)",
        CharDevice => "a character device",
        BlockDevice => "a block device",
        Socket => "a socket",
        Directory => "a directory",
        _ => "not a regular file",
    };

    /// <summary>The file type bits of <c>st_mode</c> (following links) on Linux; null where <c>statx</c> is unavailable.</summary>
    private static int? Kind(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // struct statx has the same layout on every Linux architecture: stx_mode is a u16 at offset 28.
            var buffer = new byte[256];
            return Statx(AtFdCwd, path, 0, StatxType, buffer) == 0 ? BitConverter.ToUInt16(buffer, 28) & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
