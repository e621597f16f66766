using Pipeline.Language.Syntax;
using Sprache;
using static Pipeline.Language.Parsing.Internal.Tokens;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>Values: numbers with units, strings, names, calls, lists, modifiers and ranges.</summary>
internal static class Values
{
    internal static readonly Parser<ValueSyntax> Value = Parse.Ref(() => RangeValue!).Named("a value");

    internal static readonly Parser<ArgumentSyntax> Argument = Lex(
        (from name in Name
         from colon in Symbol(':')
         from value in Value
         select new ArgumentSyntax(name, value)).Positioned()
        .Or((from value in Value select new ArgumentSyntax(null, value)).Positioned()));

    internal static readonly Parser<IReadOnlyList<ArgumentSyntax>> Arguments =
        from open in Attempt(Symbol('('))
        from args in Separated(Argument).XOptional()
        from close in Symbol(')')
        select (IReadOnlyList<ArgumentSyntax>)(args.GetOrDefault()?.ToArray() ?? []);

    /// <summary>A name, or a call when an argument list follows it.</summary>
    internal static readonly Parser<ValueSyntax> NameOrCall = Lex(
        (from name in Name
         from args in Arguments.XOptional()
         select args.IsDefined ? new CallSyntax(name, args.Get()) : (ValueSyntax)new SymbolSyntax(name.Text)).Spanned());

    /// <summary>A modifier call; only a name directly followed by <c>(</c> counts, so the next setting's key is left alone.</summary>
    internal static readonly Parser<CallSyntax> Call =
        (from name in Attempt(from n in Name from open in Preview(Symbol('(')) select n)
         from args in Arguments
         select new CallSyntax(name, args)).Spanned();

    internal static readonly Parser<ValueSyntax> List = Lex(
        (from open in Symbol('[')
         from items in Separated(Value).XOptional()
         from close in Symbol(']')
         select (ValueSyntax)new ListSyntax(items.GetOrDefault()?.ToArray() ?? [])).Spanned());

    internal static readonly Parser<ValueSyntax> Primary =
        Number.Select(n => (ValueSyntax)n).Or(StringValue).Or(List).Or(NameOrCall);

    /// <summary>A primary value followed by modifier calls: <c>normal(...) clamp(...)</c>.</summary>
    internal static readonly Parser<ValueSyntax> Modified =
        from first in Primary
        from modifiers in Call.XMany()
        select modifiers.Aggregate(first, (value, call) =>
            (ValueSyntax)new ModifiedSyntax(value, call) { Span = value.Span.Union(call.Span) });

    internal static readonly Parser<ValueSyntax> RangeValue =
        from first in Modified
        from rest in (
            from dots in Attempt(Lex(Parse.String("..").Named("`..`")))
            from last in Modified
            from step in (from keyword in Attempt(Keyword("step")) from value in Modified select value).XOptional()
            select new RangeSyntax(first, last, step.GetOrDefault())).XOptional()
        select rest.IsDefined
            ? rest.Get() with { Span = first.Span.Union((rest.Get().Step ?? rest.Get().To).Span) }
            : first;

    /// <summary>Items separated by commas; an item that fails after a comma is an error, not the end of the list.</summary>
    private static Parser<IEnumerable<T>> Separated<T>(Parser<T> item) =>
        from first in item
        from rest in (from comma in Attempt(Symbol(',')) from next in item select next).XMany()
        select new[] { first }.Concat(rest);
}
