using System.Text;
using Pipeline.Language.Parsing.Internal;
using Pipeline.Language.Syntax;

namespace Pipeline.Language.Formatting.Internal;

/// <summary>
/// Walks a syntax tree and prints it canonically, putting each comment back by position: comments before a
/// statement go on their own lines above it; comments inside a statement or after it on the same line trail it.
/// </summary>
internal sealed class SyntaxPrinter
{
    private readonly DocumentSyntax _document;
    private readonly string _text;
    private readonly StringBuilder _out = new();
    private int _nextComment;
    private int _lastEnd;

    public SyntaxPrinter(DocumentSyntax document)
    {
        _document = document;
        _text = document.Source.Content;
    }

    public string Print()
    {
        var items = _document.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var separate = i > 0 && !(items[i] is ImportSyntax && items[i - 1] is ImportSyntax);
            Statement(items[i], 0, i + 1 < items.Count ? items[i + 1].Span.Start : _text.Length, separate);
        }
        LeadingComments(_text.Length, 0, separateFirst: _document.Items.Count > 0);
        var result = _out.ToString().TrimEnd('\n');
        return result.Length == 0 ? string.Empty : result + "\n";
    }

    private void Statement(StatementSyntax statement, int depth, int nextStart, bool forceBlankLine)
    {
        var blank = forceBlankLine || BlankLineBefore(Math.Min(statement.Span.Start, PendingCommentStart(statement.Span.Start)));
        if (blank && _out.Length > 0) _out.Append('\n');
        LeadingComments(statement.Span.Start, depth, separateFirst: false);
        Indent(depth);
        switch (statement)
        {
            case ImportSyntax import:
                _out.Append("import ").Append(ValuePrinter.Print(import.Path));
                Trailing(import.Span.End, nextStart);
                break;
            case SettingSyntax setting:
                _out.Append(setting.Key.Text);
                foreach (var qualifier in setting.Qualifiers) _out.Append(' ').Append(qualifier.Text);
                _out.Append(setting.Operator == SettingOperator.AtMost ? " <= " : " = ").Append(ValuePrinter.Print(setting.Value));
                Trailing(setting.Span.End, nextStart);
                break;
            case BlockSyntax block:
                Block(block, depth, nextStart);
                break;
        }
    }

    private void Block(BlockSyntax block, int depth, int nextStart)
    {
        _out.Append(block.Keyword.Text);
        if (block.Name is not null) _out.Append(' ').Append(block.Name.Text);
        if (block.IsReference)
        {
            Trailing(block.Span.End, nextStart);
            return;
        }
        var headerEnd = (block.Name ?? block.Keyword).Span.End;
        var openBrace = headerEnd + Lexemes.Trivia(_text, headerEnd);
        var body = block.Statements;
        var firstStart = body.Count > 0 ? body[0].Span.Start : block.CloseBrace.Start;
        _out.Append(" {");
        if (body.Count == 0 && !HasCommentBefore(block.CloseBrace.Start))
        {
            _out.Append('}');
            Trailing(block.CloseBrace.End, nextStart);
            return;
        }
        Trailing(openBrace + 1, firstStart);
        for (var i = 0; i < body.Count; i++)
        {
            Statement(body[i], depth + 1, i + 1 < body.Count ? body[i + 1].Span.Start : block.CloseBrace.Start, forceBlankLine: false);
        }
        if (HasCommentBefore(block.CloseBrace.Start) && BlankLineBefore(PendingCommentStart(block.CloseBrace.Start))) _out.Append('\n');
        LeadingComments(block.CloseBrace.Start, depth + 1, separateFirst: false);
        Indent(depth);
        _out.Append('}');
        Trailing(block.CloseBrace.End, nextStart);
    }

    /// <summary>Own-line comments before <paramref name="before"/>, keeping a blank line the source has between them.</summary>
    private void LeadingComments(int before, int depth, bool separateFirst)
    {
        var comments = _document.Comments;
        var first = true;
        while (_nextComment < comments.Count && comments[_nextComment].Span.Start < before)
        {
            var comment = comments[_nextComment++];
            if (separateFirst && first && _out.Length > 0 && BlankLineBefore(comment.Span.Start)) _out.Append('\n');
            else if (!first && BlankLineBefore(comment.Span.Start)) _out.Append('\n');
            first = false;
            Indent(depth);
            _out.Append(comment.Text).Append('\n');
            _lastEnd = comment.Span.End;
        }
    }

    /// <summary>
    /// Ends the current line, first appending the comments inside what was just printed and those after it on the
    /// same source line (before the next statement).
    /// </summary>
    private void Trailing(int end, int nextStart)
    {
        var comments = _document.Comments;
        var line = _document.Source.GetLocation(Math.Max(0, end - 1)).Line;
        while (_nextComment < comments.Count)
        {
            var comment = comments[_nextComment];
            var inside = comment.Span.Start < end;
            var sameLine = comment.Span.Start < nextStart && _document.Source.GetLocation(comment.Span.Start).Line == line;
            if (!inside && !sameLine) break;
            _out.Append(' ').Append(comment.Text);
            _nextComment++;
            if (comment.Span.End > end) end = comment.Span.End;
        }
        _out.Append('\n');
        _lastEnd = end;
    }

    private bool HasCommentBefore(int offset) =>
        _nextComment < _document.Comments.Count && _document.Comments[_nextComment].Span.Start < offset;

    private int PendingCommentStart(int fallback) =>
        HasCommentBefore(fallback) ? _document.Comments[_nextComment].Span.Start : fallback;

    /// <summary>True when the source has an empty line between what was last printed and <paramref name="offset"/>.</summary>
    private bool BlankLineBefore(int offset)
    {
        var newlines = 0;
        for (var i = _lastEnd; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n' && ++newlines >= 2) return true;
        }
        return false;
    }

    private void Indent(int depth) => _out.Append(' ', depth * 2);
}
