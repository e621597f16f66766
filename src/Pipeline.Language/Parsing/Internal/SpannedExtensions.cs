using Pipeline.Language.Syntax;
using Sprache;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>
/// Span-setting for parsers whose result type is abstract (Sprache's <c>Positioned</c> needs the concrete type) or that
/// start with leading trivia: the span starts at the first token.
/// </summary>
internal static class SpannedExtensions
{
    public static Parser<T> Spanned<T>(this Parser<T> parser) where T : SyntaxNode => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success(result.Value with { Span = Pipeline.Core.Text.TextSpan.FromBounds(input.Position + Lexemes.Trivia(input.Source, input.Position), result.Remainder.Position) }, result.Remainder)
            : result;
    };
}
