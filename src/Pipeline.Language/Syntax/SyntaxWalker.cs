namespace Pipeline.Language.Syntax;

/// <summary>Walks values to their leaves.</summary>
public static class SyntaxWalker
{
    /// <summary>Every number inside a value, in source order.</summary>
    public static IEnumerable<NumberSyntax> Numbers(ValueSyntax value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var stack = new Stack<ValueSyntax>();
        stack.Push(value);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case NumberSyntax number:
                    yield return number;
                    break;
                case CallSyntax call:
                    for (var i = call.Arguments.Count - 1; i >= 0; i--) stack.Push(call.Arguments[i].Value);
                    break;
                case ListSyntax list:
                    for (var i = list.Items.Count - 1; i >= 0; i--) stack.Push(list.Items[i]);
                    break;
                case ModifiedSyntax modified:
                    stack.Push(modified.Modifier);
                    stack.Push(modified.Value);
                    break;
                case RangeSyntax range:
                    if (range.Step is not null) stack.Push(range.Step);
                    stack.Push(range.To);
                    stack.Push(range.From);
                    break;
            }
        }
    }
}
