using Pipeline.Language.Syntax;

namespace Pipeline.Language.Formatting.Internal;

/// <summary>Canonical spelling of values: <c>4 req/s</c>, <c>f(a, name: b)</c>, <c>[1, 2]</c>, <c>a .. b step c</c>.</summary>
internal static class ValuePrinter
{
    public static string Print(ValueSyntax value) => value switch
    {
        NumberSyntax n => n.Unit is null ? n.Text : n.Text + " " + n.Unit.Text,
        StringSyntax s => "\"" + s.Value + "\"",
        SymbolSyntax s => s.Name,
        CallSyntax c => c.Function.Text + "(" + string.Join(", ", c.Arguments.Select(Print)) + ")",
        ListSyntax l => "[" + string.Join(", ", l.Items.Select(Print)) + "]",
        ModifiedSyntax m => Print(m.Value) + " " + Print(m.Modifier),
        RangeSyntax r => Print(r.From) + " .. " + Print(r.To) + (r.Step is null ? string.Empty : " step " + Print(r.Step)),
        _ => string.Empty,
    };

    private static string Print(ArgumentSyntax argument) =>
        argument.Name is null ? Print(argument.Value) : argument.Name.Text + ": " + Print(argument.Value);
}
