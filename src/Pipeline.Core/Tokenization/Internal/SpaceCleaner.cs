namespace Pipeline.Core.Tokenization.Internal;

/// <summary>
/// llama.cpp's <c>clean_spaces</c> passes over detokenized BPE text: drop the space before <c>? ! . ,</c>, collapse
/// <c>" ' "</c> to <c>'</c>, and drop the space before the contractions <c>'s 'm 're 've</c>.
/// </summary>
internal static class SpaceCleaner
{
    public static byte[] Clean(List<byte> input)
    {
        var text = input.ToArray();
        var total = text.Length;
        // First pass: " ?", " !", " .", " ,".
        var n = total > 0 ? 1 : 0;
        for (var i = 1; i < total; i++)
        {
            var x = text[i];
            if (text[i - 1] == ' ' && x is (byte)'?' or (byte)'!' or (byte)'.' or (byte)',') n--;
            text[n++] = x;
        }
        // Second pass: a lone apostrophe between spaces.
        total = n;
        n = total > 0 ? 1 : 0;
        for (var i = 1; i < total; i++)
        {
            var x = text[i];
            if (x == '\'' && i + 1 < total && text[i - 1] == ' ' && text[i + 1] == ' ')
            {
                n--;
                text[++i] = 0;
            }
            text[n++] = x;
        }
        // Third pass: " 's", " 'm", " 're", " 've".
        total = n;
        n = total > 0 ? 1 : 0;
        for (var i = 1; i < total; i++)
        {
            var x = text[i];
            if (text[i - 1] == ' ' && x == '\'' && i + 1 < total)
            {
                var x1 = text[i + 1];
                if (x1 is (byte)'s' or (byte)'m') n--;
                else if (i + 2 < total && ((x1 == 'r' && text[i + 2] == 'e') || (x1 == 'v' && text[i + 2] == 'e'))) n--;
            }
            text[n++] = x;
        }
        return text[..n];
    }
}
