using System.Runtime.InteropServices;
using Pipeline.Kernels;

namespace Pipeline.Engine.Gguf;

/// <summary>Reads named tensors of a parsed GGUF file, checking their shapes.</summary>
internal sealed class GgufTensorReader
{
    private readonly GgufFile _file;
    private readonly BoundedReader _reader;
    private readonly Dictionary<string, GgufTensorInfo> _byName;

    public GgufTensorReader(GgufFile file, BoundedReader reader)
    {
        _file = file;
        _reader = reader;
        _byName = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public bool Has(string name) => _byName.ContainsKey(name);

    /// <summary>A 2-D tensor with GGUF dims <c>[cols, rows]</c> (ne0 contiguous).</summary>
    public HostMatrix Matrix(string name, int rows, int cols)
    {
        var info = Find(name);
        if (info.Dimensions.Length != 2 || info.Dimensions[0] != cols || info.Dimensions[1] != rows)
        {
            throw new GgufFormatException($"Tensor '{name}' has wrong shape [{string.Join(", ", info.Dimensions)}], expected [{cols}, {rows}] (ne0, ne1).");
        }
        return new HostMatrix(rows, cols, GgmlTypes.Format(info.Type), Data(info));
    }

    /// <summary>A 1-D f32 (or f16) tensor such as a norm weight.</summary>
    public float[] Vector(string name, int length)
    {
        var info = Find(name);
        if (info.Dimensions.Length != 1 || info.Dimensions[0] != length)
        {
            throw new GgufFormatException($"Tensor '{name}' has wrong shape [{string.Join(", ", info.Dimensions)}], expected [{length}].");
        }
        var bytes = Data(info);
        return info.Type switch
        {
            GgmlType.F32 => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            GgmlType.F16 => MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h).ToArray(),
            _ => throw new GgufFormatException($"Tensor '{name}' is {info.Type}; 1-D tensors must be F32 or F16."),
        };
    }

    private GgufTensorInfo Find(string name) =>
        _byName.TryGetValue(name, out var info) ? info : throw new GgufFormatException($"Missing tensor '{name}'.");

    private byte[] Data(GgufTensorInfo info)
    {
        if (info.ByteLength > Array.MaxLength) throw new GgufFormatException($"Tensor '{info.Name}' ({info.ByteLength} bytes) is too large to load.");
        _reader.Seek(_file.DataStart + info.Offset, $"tensor '{info.Name}'");
        return _reader.Bytes(info.ByteLength, $"data of tensor '{info.Name}'");
    }
}
