using System.Text;
using Pipeline.Core.Text;
using Pipeline.Language.Parsing;
using Pipeline.Language.Syntax;

namespace Pipeline.Acceptance.Internal;

/// <summary>
/// One change to an experiment's text: set <c>Key = Value</c> in the experiment's <c>Block</c> (replacing the value
/// written there, or adding the setting, or the block), or remove the setting when <paramref name="Value"/> is null.
/// Steps vary experiments by editing their text and recompiling, so every variant passes the compiler's checks and
/// its plan (phase costs, KV geometry) is derived from the changed values, never patched.
/// </summary>
/// <param name="Block">A block of the experiment: <c>batching</c>, <c>workload</c>, ...</param>
/// <param name="Key">The setting.</param>
/// <param name="Value">The value as DSL text (<c>chunked</c>, <c>512 tok</c>, <c>poisson(rate: 4 req/s)</c>), or null to remove it.</param>
/// <param name="MadeBy">The step that made the change and where it is written, for messages; null when none is known.</param>
internal sealed record SettingEdit(string Block, string Key, string? Value, string? MadeBy = null)
{
    /// <summary>The text with this edit applied; throws when the text has no experiment block.</summary>
    public string ApplyTo(SourceText source)
    {
        var document = ExperimentParser.Parse(source).Document;
        var experiment = document.Blocks.FirstOrDefault(b => b.Keyword.Text == "experiment" && !b.IsReference)
            ?? throw new ExpectationException($"{source.Path} has no experiment block to change");
        var text = source.Content;
        var block = experiment.Statements.OfType<BlockSyntax>().FirstOrDefault(b => b.Keyword.Text == Block && !b.IsReference);
        var setting = block?.Statements.OfType<SettingSyntax>().FirstOrDefault(s => s.Key.Text == Key && s.Qualifiers.Count == 0);
        if (Value is null)
        {
            return setting is null ? text : text.Remove(setting.Span.Start, setting.Span.Length);
        }
        if (setting is not null)
        {
            return Splice(text, setting.Value.Span, Value);
        }
        return block is not null
            ? text.Insert(block.CloseBrace.Start, $" {Key} = {Value} ")
            : text.Insert(experiment.CloseBrace.Start, $"  {Block} {{ {Key} = {Value} }}\n");
    }

    /// <summary>A DSL string literal for <paramref name="value"/>.</summary>
    public static string Quoted(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value) builder.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        return builder.Append('"').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Value is null ? $"{Block}: no {Key}" : $"{Block}: {Key} = {Value}";

    private static string Splice(string text, TextSpan span, string value) => text[..span.Start] + value + text[(span.Start + span.Length)..];
}
