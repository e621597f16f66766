namespace Pipeline.Core.Tokenization.Internal;

/// <summary>
/// GPT-2's byte-to-unicode map: printable Latin-1 bytes stand for themselves, the other 68 bytes for U+0100 upwards,
/// so every byte string is a printable string (a BPE vocabulary is written in this alphabet).
/// </summary>
internal static class Gpt2Bytes
{
    private static readonly char[] s_byteToChar = Build();
    private static readonly Dictionary<char, byte> s_charToByte = Enumerable.Range(0, 256).ToDictionary(b => s_byteToChar[b], b => (byte)b);

    /// <summary>The character standing for <paramref name="value"/>.</summary>
    public static char Encode(byte value) => s_byteToChar[value];

    /// <summary>The byte <paramref name="c"/> stands for, if it is in the alphabet.</summary>
    public static bool TryDecode(char c, out byte value) => s_charToByte.TryGetValue(c, out value);

    /// <summary>UTF-8 bytes of <paramref name="text"/> in the alphabet.</summary>
    public static string Encode(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = s_byteToChar[bytes[i]];
        return new string(chars);
    }

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
