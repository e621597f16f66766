using Pipeline.Core.Weights;

namespace Pipeline.Core.Tokenization;

public static partial class GgufTokenizerReader
{
    /// <summary>Typed reads of tokenizer metadata; a value of the wrong type or shape is a <see cref="TokenizerDataError"/> at its key.</summary>
    private sealed class Keys(GgufHeader header)
    {
        public TokenizerDataError Error(string key, string message) =>
            new(header.KeyOffsets.TryGetValue(key, out var offset) ? offset : 0, message);

        public string? String(string key) => header.Metadata.TryGetValue(key, out var value)
            ? value as string ?? throw Error(key, $"'{key}' must be a string, not {Describe(value)}")
            : null;

        public bool? Bool(string key) => header.Metadata.TryGetValue(key, out var value)
            ? value as bool? ?? throw Error(key, $"'{key}' must be a bool, not {Describe(value)}")
            : null;

        public int? Id(string key, int count)
        {
            if (!header.Metadata.TryGetValue(key, out var value)) return null;
            if (value is not long id) throw Error(key, $"'{key}' must be an integer token id, not {Describe(value)}");
            if (id < 0 || id >= count) throw Error(key, $"'{key}' is {id}, outside the vocabulary of {count} tokens");
            return (int)id;
        }

        public IReadOnlyList<string>? Strings(string key)
        {
            if (!header.Metadata.TryGetValue(key, out var value)) return null;
            var items = Array(key, value, 8, "strings");
            var strings = new string[items.Count];
            for (var i = 0; i < strings.Length; i++) strings[i] = (string)items[i];
            return strings;
        }

        public IReadOnlyList<float> Floats(string key, int count)
        {
            if (!header.Metadata.TryGetValue(key, out var value)) return [];
            var items = Array(key, value, 6, "float32 values", count);
            var floats = new float[items.Count];
            for (var i = 0; i < floats.Length; i++) floats[i] = (float)(double)items[i];
            return floats;
        }

        public IReadOnlyList<long> Integers(string key, int count)
        {
            if (!header.Metadata.TryGetValue(key, out var value)) return [];
            var items = Array(key, value, 5, "int32 values", count);
            var integers = new long[items.Count];
            for (var i = 0; i < integers.Length; i++) integers[i] = (long)items[i];
            return integers;
        }

        private IReadOnlyList<object> Array(string key, object value, uint elementType, string what, int? count = null)
        {
            if (value is not GgufArrayValues array)
            {
                throw Error(key, value is GgufArrayLength ? $"'{key}' was not kept (read the header with its tokenizer)" : $"'{key}' must be an array of {what}, not {Describe(value)}");
            }
            if (array.ElementType != elementType) throw Error(key, $"'{key}' must be an array of {what}, not of GGUF type {array.ElementType}");
            if (count is { } expected && array.Items.Count != expected) throw Error(key, $"'{key}' has {array.Items.Count} entries for {expected} tokens");
            return array.Items;
        }

        private static string Describe(object value) => value switch
        {
            string => "a string",
            bool => "a bool",
            long or ulong => "an integer",
            double => "a float",
            _ => "an array",
        };
    }

    /// <summary>A tokenizer problem at a metadata key's offset; returned as a <see cref="GgufProblem"/>.</summary>
    private sealed class TokenizerDataError(long offset, string message) : Exception(message)
    {
        public long Offset { get; } = offset;
    }
}
