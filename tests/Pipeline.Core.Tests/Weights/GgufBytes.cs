using System.Text;

namespace Pipeline.Core.Tests.Weights;

/// <summary>Writes GGUF headers field by field (little-endian), so a test states exactly the bytes it feeds the reader.</summary>
internal sealed class GgufBytes
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _writer;

    public GgufBytes(uint version = 3, ulong tensors = 0, ulong metadata = 0)
    {
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
        _writer.Write("GGUF"u8);
        _writer.Write(version);
        _writer.Write(tensors);
        _writer.Write(metadata);
    }

    public long Position => _stream.Position;

    public GgufBytes String(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _writer.Write((ulong)bytes.Length);
        _writer.Write(bytes);
        return this;
    }

    public GgufBytes KeyString(string key, string value) => String(key).U32(8).String(value);

    public GgufBytes KeyU32(string key, uint value) => String(key).U32(4).U32(value);

    public GgufBytes KeyBool(string key, bool value)
    {
        String(key).U32(7);
        _writer.Write(value ? (byte)1 : (byte)0);
        return this;
    }

    public GgufBytes KeyStrings(string key, IEnumerable<string> values)
    {
        var list = values.ToList();
        String(key).U32(9).U32(8).U64((ulong)list.Count);
        foreach (var v in list) String(v);
        return this;
    }

    public GgufBytes KeyFloats(string key, IEnumerable<float> values)
    {
        var list = values.ToList();
        String(key).U32(9).U32(6).U64((ulong)list.Count);
        foreach (var v in list) _writer.Write(v);
        return this;
    }

    public GgufBytes KeyInts(string key, IEnumerable<int> values)
    {
        var list = values.ToList();
        String(key).U32(9).U32(5).U64((ulong)list.Count);
        foreach (var v in list) _writer.Write(v);
        return this;
    }

    public GgufBytes U32(uint value)
    {
        _writer.Write(value);
        return this;
    }

    public GgufBytes U64(ulong value)
    {
        _writer.Write(value);
        return this;
    }

    /// <summary>A tensor directory entry: name, dimensions (innermost first), ggml type, data offset.</summary>
    public GgufBytes Tensor(string name, long[] dimensions, uint type, ulong offset)
    {
        String(name).U32((uint)dimensions.Length);
        foreach (var d in dimensions) U64((ulong)d);
        return U32(type).U64(offset);
    }

    /// <summary>Pads to the 32-byte alignment and appends <paramref name="dataBytes"/> zero bytes of tensor data.</summary>
    public GgufBytes Data(int dataBytes)
    {
        while (_stream.Position % 32 != 0) _writer.Write((byte)0);
        _writer.Write(new byte[dataBytes]);
        return this;
    }

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }
}
