using System.Text;

namespace Pipeline.Core.Tokenization;

/// <summary>
/// Incremental detokenization for streaming output: each token's piece is appended to a byte buffer and only whole
/// UTF-8 characters come out, so a character spread over several byte tokens is written once it is complete, never as
/// replacement characters. Pieces are written as they are (llama.cpp's streaming does the same: no leading-space
/// strip, no BPE space cleaning, which need the whole text).
/// </summary>
public sealed class TextStream(Tokenizer tokenizer, bool special = false)
{
    private readonly List<byte> _pending = [];

    /// <summary>Adds <paramref name="token"/>; returns the text now complete (possibly empty).</summary>
    public string Add(int token)
    {
        foreach (var b in tokenizer.Piece(token, special)) _pending.Add(b);
        var complete = CompleteLength();
        var text = Encoding.UTF8.GetString(_pending.GetRange(0, complete).ToArray());
        _pending.RemoveRange(0, complete);
        return text;
    }

    /// <summary>Whatever is left at the end (an incomplete character reads as U+FFFD).</summary>
    public string Flush()
    {
        var text = Encoding.UTF8.GetString(_pending.ToArray());
        _pending.Clear();
        return text;
    }

    /// <summary>The length of the pending bytes that ends on a character boundary: an unfinished lead sequence at the end waits.</summary>
    private int CompleteLength()
    {
        var n = _pending.Count;
        // Walk back over at most 3 continuation bytes to the last lead byte; if its sequence is cut short, hold it.
        for (var back = 1; back <= Math.Min(4, n); back++)
        {
            var b = _pending[n - back];
            if ((b & 0xC0) == 0x80) continue;
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? n - back : n;
        }
        return n;
    }
}
