using Pipeline.Core.Text;
using Pipeline.Language.Syntax;

namespace Pipeline.Compiler.Internal;

/// <summary>A call matched to its signature: arguments by parameter name.</summary>
internal sealed record BoundCall(string Function, IReadOnlyDictionary<string, ValueSyntax> Arguments, TextSpan Span)
{
    public ValueSyntax? this[string parameter] => Arguments.GetValueOrDefault(parameter);
}
