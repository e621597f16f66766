using System.Reflection;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Pipeline.Engine.Tests.Tokenization;

/// <summary>llama.cpp's tokenizer (through LLamaSharp, vocabulary only) on a GGUF file: tokenize, detokenize, token to piece.</summary>
public sealed class LlamaCppTokenizer : IDisposable
{
    private static readonly NativeLogConfig.LLamaLogCallback Quiet = (_, _) => { };
    private readonly LLamaWeights _weights;

    public LlamaCppTokenizer(string path)
    {
        NativeLogConfig.llama_log_set(Quiet);
        _weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true, GpuLayerCount = 0 });
    }

    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial) =>
        _weights.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8).Select(t => (int)t).ToArray();

    public byte[] Piece(int token, bool special)
    {
        var buffer = new byte[256];
        var n = NativeApi.llama_token_to_piece(_weights.NativeHandle.Vocab, (LLamaToken)token, buffer, 0, special);
        return buffer[..n];
    }

    /// <summary><c>llama_detokenize</c>, reached by reflection (LLamaSharp keeps the vocabulary pointer internal).</summary>
    public unsafe byte[] Detokenize(IReadOnlyList<int> tokens, bool removeSpecial, bool unparseSpecial)
    {
        var vocab = _weights.NativeHandle.Vocab;
        var member = (object?)vocab.GetType().GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).FirstOrDefault(p => p.PropertyType.IsPointer)
            ?? vocab.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).First(f => f.FieldType.IsPointer);
        var boxed = member is PropertyInfo p ? p.GetValue(vocab) : ((FieldInfo)member).GetValue(vocab);
        var pointer = Pointer.Unbox(boxed!);
        var ids = tokens.Select(t => (LLamaToken)t).ToArray();
        var buffer = new byte[4096];
        int n;
        var method = typeof(NativeApi).GetMethod("llama_detokenize", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        var types = method.GetParameters().Select(p => p.ParameterType).ToArray();
        fixed (LLamaToken* t = ids)
        fixed (byte* b = buffer)
        {
            n = (int)method.Invoke(null, [Pointer.Box(pointer, types[0]), Pointer.Box(t, types[1]), ids.Length, Pointer.Box(b, types[3]), buffer.Length, removeSpecial, unparseSpecial])!;
        }
        if (n < 0) throw new InvalidOperationException($"llama_detokenize needs {-n} bytes.");
        return buffer[..n];
    }

    public void Dispose() => _weights.Dispose();
}
