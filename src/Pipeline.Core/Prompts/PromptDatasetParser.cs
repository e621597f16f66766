using System.Globalization;
using System.Text.Json;

namespace Pipeline.Core.Prompts;

/// <summary>
/// Parses a JSONL prompt dataset strictly: one JSON object a line, <c>{"prompt": "text", "output_tokens": N}</c> with
/// <c>output_tokens</c> optional (a whole number from 1 to <see cref="MaxOutputTokens"/>); other fields are ignored,
/// blank lines skipped. Every other line is a problem at its line, never silently dropped.
/// </summary>
public static class PromptDatasetParser
{
    /// <summary>Problems listed before one summary line.</summary>
    public const int MaxProblems = 20;

    /// <summary>Largest output length a row may ask for.</summary>
    public const int MaxOutputTokens = 1 << 20;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static PromptDatasetResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<PromptRow>();
        var problems = new List<PromptDatasetProblem>();
        var bad = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (row, problem) = Row(i + 1, line);
            if (row is not null)
            {
                rows.Add(row);
                continue;
            }
            if (++bad <= MaxProblems) problems.Add(new PromptDatasetProblem(i + 1, problem!));
        }
        if (bad > MaxProblems) problems.Add(new PromptDatasetProblem(lines.Length, string.Create(CultureInfo.InvariantCulture, $"and {bad - MaxProblems} more bad lines")));
        if (rows.Count == 0 && bad == 0) problems.Add(new PromptDatasetProblem(1, "has no rows (one JSON object a line: {\"prompt\": \"...\"})", Empty: true));
        return new PromptDatasetResult(rows, problems);
    }

    private static (PromptRow? Row, string? Problem) Row(int number, string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, $"line {number} is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, $"line {number} is a JSON {Kind(root)}, not an object with a \"prompt\"");
            if (!root.TryGetProperty("prompt", out var prompt)) return (null, $"line {number} has no \"prompt\"");
            if (prompt.ValueKind != JsonValueKind.String) return (null, $"line {number}: \"prompt\" is a {Kind(prompt)}, not a string");
            string text;
            try
            {
                text = prompt.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // Valid JSON syntax, invalid text: an escaped lone surrogate (\ud800) is no character.
                return (null, $"line {number}: \"prompt\" is not valid Unicode (an unpaired surrogate escape)");
            }
            if (text.Length == 0) return (null, $"line {number}: \"prompt\" is empty");
            int? output = null;
            if (root.TryGetProperty("output_tokens", out var tokens) && tokens.ValueKind != JsonValueKind.Null)
            {
                if (tokens.ValueKind != JsonValueKind.Number || !tokens.TryGetInt32(out var n) || n < 1 || n > MaxOutputTokens)
                {
                    return (null, $"line {number}: \"output_tokens\" must be a whole number from 1 to {MaxOutputTokens}, not {tokens.GetRawText()}");
                }
                output = n;
            }
            return (new PromptRow(number, text, output), null);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Null => "null",
        _ => "object",
    };
}
