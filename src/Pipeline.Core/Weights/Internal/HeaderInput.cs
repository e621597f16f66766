using System.Buffers.Binary;
using System.Text;

namespace Pipeline.Core.Weights.Internal;

/// <summary>
/// Little-endian reads that check every length against the bytes left, so a corrupt header stops with a located
/// <see cref="HeaderError"/> instead of allocating what the file claims or reading past its end.
/// </summary>
internal sealed class HeaderInput(Stream stream)
{
    private readonly byte[] _scratch = new byte[8];

    public long Length { get; } = stream.Length;

    public long Position => stream.Position;

    public long Remaining => Length - stream.Position;

    public HeaderError Error(string message) => new(Position, message);

    public void Require(long bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            throw Error($"truncated header: {what} needs {bytes} bytes, but the file ends {Remaining} bytes later");
        }
    }

    public byte U8(string what) => Read(1, what)[0];

    public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Read(2, what));

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Read(4, what));

    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Read(8, what));

    /// <summary>A length-prefixed UTF-8 string of at most <paramref name="maxBytes"/>; longer ones are skipped and returned as null.</summary>
    public string? String(string what, long maxBytes, bool keep = true)
    {
        var at = Position;
        var length = U64($"the length of {what}");
        if (length > (ulong)Remaining) throw new HeaderError(at, $"truncated header: {what} claims {length} bytes, but only {Remaining} remain");
        if (!keep || (long)length > maxBytes)
        {
            stream.Seek((long)length, SeekOrigin.Current);
            return null;
        }
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return Encoding.UTF8.GetString(buffer);
    }

    public void Skip(long bytes, string what)
    {
        Require(bytes, what);
        stream.Seek(bytes, SeekOrigin.Current);
    }

    private ReadOnlySpan<byte> Read(int count, string what)
    {
        Require(count, what);
        stream.ReadExactly(_scratch, 0, count);
        return _scratch.AsSpan(0, count);
    }
}

/// <summary>A header problem at a byte offset; caught by <see cref="GgufHeaderReader"/> and returned as a <see cref="GgufProblem"/>.</summary>
internal sealed class HeaderError(long offset, string message) : Exception(message)
{
    public long Offset { get; } = offset;
}
