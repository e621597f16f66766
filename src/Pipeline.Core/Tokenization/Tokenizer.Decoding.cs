using System.Globalization;
using System.Text;
using Pipeline.Core.Tokenization.Internal;

namespace Pipeline.Core.Tokenization;

public sealed partial class Tokenizer
{
    /// <summary>
    /// The bytes of <paramref name="token"/> (llama.cpp's <c>llama_token_to_piece</c>): control and unknown tokens are
    /// empty unless <paramref name="special"/>; a piece may be part of a UTF-8 character (byte tokens, BPE bytes).
    /// </summary>
    public ReadOnlySpan<byte> Piece(int token, bool special = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(token);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(token, Count);
        if (!special && _types[token] is TokenType.Control or TokenType.Unknown) return [];
        return _pieces[token];
    }

    /// <summary>
    /// Decodes <paramref name="tokens"/> as llama.cpp's <c>llama_detokenize</c>: the first piece loses one leading space
    /// when the vocabulary adds one (unless a removed BOS precedes it), <paramref name="removeSpecial"/> drops the BOS/EOS
    /// the vocabulary adds, <paramref name="unparseSpecial"/> writes control tokens' text, BPE output has its spaces
    /// tidied. Bytes that are not valid UTF-8 read as U+FFFD.
    /// </summary>
    public string Decode(IReadOnlyList<int> tokens, bool removeSpecial = false, bool unparseSpecial = false) =>
        Encoding.UTF8.GetString(DecodeBytes(tokens, removeSpecial, unparseSpecial));

    /// <summary>The bytes <see cref="Decode"/> reads as UTF-8.</summary>
    public byte[] DecodeBytes(IReadOnlyList<int> tokens, bool removeSpecial = false, bool unparseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var first = 0;
        var count = tokens.Count;
        var removeSpace = AddSpacePrefix;
        if (removeSpecial && AddBos && count > 0 && tokens[0] == Bos)
        {
            removeSpace = false;
            first = 1;
            count--;
        }
        if (removeSpecial && AddEos && count > 0 && tokens[first + count - 1] == Eos) count--;
        var bytes = new List<byte>();
        for (var i = first; i < first + count; i++)
        {
            var piece = Piece(tokens[i], unparseSpecial);
            if (removeSpace && piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
            removeSpace = false;
            foreach (var b in piece) bytes.Add(b);
        }
        return CleanSpaces ? SpaceCleaner.Clean(bytes) : [.. bytes];
    }

    private byte[] BuildPiece(int id)
    {
        var text = Vocabulary.Tokens[id];
        var type = _types[id];
        if (type is TokenType.Control or TokenType.Unknown or TokenType.UserDefined) return Encoding.UTF8.GetBytes(text);
        if (Vocabulary.Model == TokenizerModel.Llama)
        {
            if (type == TokenType.Normal) return Encoding.UTF8.GetBytes(text.Replace(SpaceMark, " ", StringComparison.Ordinal));
            if (type == TokenType.Byte && text.Length >= 5 && byte.TryParse(text.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) return [value];
            return [];
        }
        if (type != TokenType.Normal) return [];
        // Each character of a BPE token stands for one byte; llama.cpp spells a character outside the alphabet out.
        var bytes = new List<byte>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsBmp && Gpt2Bytes.TryDecode((char)rune.Value, out var b))
            {
                bytes.Add(b);
                continue;
            }
            var utf8 = new byte[rune.Utf8SequenceLength];
            rune.EncodeToUtf8(utf8);
            bytes.AddRange(Encoding.UTF8.GetBytes("[UNK_BYTE_0x" + Convert.ToHexStringLower(utf8) + text + "]"));
        }
        return [.. bytes];
    }
}
