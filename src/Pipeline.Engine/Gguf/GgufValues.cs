namespace Pipeline.Engine.Gguf;

/// <summary>Reads and writes GGUF metadata values.</summary>
internal static class GgufValues
{
    /// <summary>Reads one value of <paramref name="type"/>; arrays come back as <see cref="GgufArray"/>.</summary>
    public static object Read(BoundedReader r, GgufValueType type, string key, bool allowArray)
    {
        switch (type)
        {
            case GgufValueType.UInt8: return r.Bytes(1, key)[0];
            case GgufValueType.Int8: return (sbyte)r.Bytes(1, key)[0];
            case GgufValueType.UInt16: return BitConverter.ToUInt16(r.Bytes(2, key));
            case GgufValueType.Int16: return BitConverter.ToInt16(r.Bytes(2, key));
            case GgufValueType.UInt32: return r.U32(key);
            case GgufValueType.Int32: return (int)r.U32(key);
            case GgufValueType.Float32: return BitConverter.UInt32BitsToSingle(r.U32(key));
            case GgufValueType.Bool: return r.Bytes(1, key)[0] != 0;
            case GgufValueType.String: return r.String($"value of '{key}'", GgufFile.MaxStringLength);
            case GgufValueType.UInt64: return r.U64(key);
            case GgufValueType.Int64: return (long)r.U64(key);
            case GgufValueType.Float64: return BitConverter.UInt64BitsToDouble(r.U64(key));
            case GgufValueType.Array when allowArray:
                var elementType = (GgufValueType)r.U32($"element type of '{key}'");
                if (elementType == GgufValueType.Array) throw new GgufFormatException($"Metadata '{key}' is an array of arrays (unsupported).");
                var count = r.U64($"length of '{key}'");
                var minimum = MinimumSize(elementType, key);
                if (count > (ulong)(r.Remaining / minimum)) throw new GgufFormatException($"Array '{key}' claims {count} elements, more than the remaining {r.Remaining} bytes can hold.");
                var items = new object[count];
                for (var i = 0UL; i < count; i++) items[i] = Read(r, elementType, key, allowArray: false);
                return new GgufArray(elementType, items);
            default:
                throw new GgufFormatException($"Metadata '{key}' has unknown value type {(uint)type}.");
        }
    }

    private static int MinimumSize(GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        _ => throw new GgufFormatException($"Array '{key}' has unknown element type {(uint)type}."),
    };
}

/// <summary>A metadata array: its element type and values.</summary>
internal sealed record GgufArray(GgufValueType ElementType, object[] Items);
