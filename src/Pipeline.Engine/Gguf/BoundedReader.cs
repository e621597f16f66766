using System.Buffers.Binary;
using System.Text;

namespace Pipeline.Engine.Gguf;

/// <summary>
/// Little-endian reads from a stream of known length; every read and every length taken from the file is checked
/// against the bytes that remain, so a corrupt file fails with <see cref="GgufFormatException"/> instead of
/// allocating absurd buffers or reading forever.
/// </summary>
internal sealed class BoundedReader
{
    private readonly Stream _stream;
    private readonly byte[] _scratch = new byte[8];

    public BoundedReader(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    public long Position => _stream.Position;

    public long Remaining => Length - _stream.Position;

    public void Require(long bytes, string what)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            throw new GgufFormatException($"Truncated file: {what} needs {bytes} bytes at offset {Position}, but only {Remaining} remain (file length {Length}).");
        }
    }

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Read(4, what));

    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Read(8, what));

    public byte[] Bytes(long count, string what)
    {
        Require(count, what);
        var buffer = new byte[count];
        _stream.ReadExactly(buffer);
        return buffer;
    }

    public string String(string what, int maxLength)
    {
        var length = U64($"length of {what}");
        if (length > (ulong)maxLength) throw new GgufFormatException($"String length {length} of {what} at offset {Position - 8} exceeds the limit of {maxLength} bytes.");
        return Encoding.UTF8.GetString(Bytes((long)length, what));
    }

    public void Skip(long count, string what)
    {
        Require(count, what);
        _stream.Seek(count, SeekOrigin.Current);
    }

    public void Seek(long position, string what)
    {
        if (position < 0 || position > Length) throw new GgufFormatException($"Offset {position} of {what} lies outside the file (length {Length}).");
        _stream.Seek(position, SeekOrigin.Begin);
    }

    private ReadOnlySpan<byte> Read(int count, string what)
    {
        Require(count, what);
        _stream.ReadExactly(_scratch, 0, count);
        return _scratch.AsSpan(0, count);
    }
}
