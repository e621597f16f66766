using Pipeline.Core.Text;
using Pipeline.Language.Syntax;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>What a single pass over the characters finds before parsing: comments, unterminated literals, nesting.</summary>
internal sealed record LexicalScan(
    IReadOnlyList<CommentTrivia> Comments,
    IReadOnlyList<TextSpan> UnterminatedStrings,
    IReadOnlyList<TextSpan> UnterminatedComments,
    int MaxDepth,
    int DeepestOffset)
{
    /// <summary>Scans the text; strings hide comment markers and comments hide quotes.</summary>
    public static LexicalScan Run(string text)
    {
        var comments = new List<CommentTrivia>();
        var strings = new List<TextSpan>();
        var blockComments = new List<TextSpan>();
        int depth = 0, maxDepth = 0, deepest = 0, i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '"' && text[end] != '\n') end++;
                if (end >= text.Length || text[end] != '"') strings.Add(TextSpan.FromBounds(i, end));
                i = Math.Min(text.Length, end + 1);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                comments.Add(new CommentTrivia(text[i..end].TrimEnd('\r'), TextSpan.FromBounds(i, end)));
                i = end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 2;
                if (close < 0) blockComments.Add(new TextSpan(i, 2));
                comments.Add(new CommentTrivia(text[i..end], TextSpan.FromBounds(i, end)));
                i = end;
            }
            else
            {
                if (c is '{' or '[' or '(')
                {
                    depth++;
                    if (depth > maxDepth) (maxDepth, deepest) = (depth, i);
                }
                else if (c is '}' or ']' or ')') depth = Math.Max(0, depth - 1);
                i++;
            }
        }
        return new LexicalScan(comments, strings, blockComments, maxDepth, deepest);
    }
}
