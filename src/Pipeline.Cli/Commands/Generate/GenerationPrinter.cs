using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Tokenization;
using Pipeline.Engine;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>Prints a generation as a line of token ids plus timings, or as JSON (with the prompt's ids and the decoded text when the prompt was text).</summary>
internal static class GenerationPrinter
{
    public static void Print(GenerationResult result, IReadOnlyList<int> prompt, string device, bool json, TextWriter writer, Tokenizer? tokenizer = null)
    {
        var promptTokens = prompt.Count;
        var prefillTokensPerSecond = result.PrefillSeconds > 0 ? promptTokens / result.PrefillSeconds : 0;
        if (!json)
        {
            writer.WriteLine(string.Join(",", result.Tokens.Select(t => t.ToString(CultureInfo.InvariantCulture))));
            PrintTimings(result, promptTokens, device, writer);
            return;
        }
        using var stream = new MemoryStream();
        using (var jsonWriter = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            jsonWriter.WriteStartObject();
            jsonWriter.WriteString("device", device);
            jsonWriter.WriteStartArray("tokens");
            foreach (var token in result.Tokens) jsonWriter.WriteNumberValue(token);
            jsonWriter.WriteEndArray();
            jsonWriter.WriteStartArray("argmax");
            foreach (var token in result.ArgMax) jsonWriter.WriteNumberValue(token);
            jsonWriter.WriteEndArray();
            jsonWriter.WriteNumber("prompt_tokens", promptTokens);
            if (tokenizer is not null)
            {
                jsonWriter.WriteStartArray("prompt_token_ids");
                foreach (var token in prompt) jsonWriter.WriteNumberValue(token);
                jsonWriter.WriteEndArray();
                jsonWriter.WriteString("text", tokenizer.Decode(result.Tokens));
            }
            jsonWriter.WriteNumber("prefill_seconds", result.PrefillSeconds);
            jsonWriter.WriteNumber("decode_seconds", result.DecodeSeconds);
            jsonWriter.WriteNumber("prefill_tokens_per_second", prefillTokensPerSecond);
            jsonWriter.WriteNumber("decode_tokens_per_second", result.DecodeTokensPerSecond);
            jsonWriter.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The timings line.</summary>
    public static void PrintTimings(GenerationResult result, int promptTokens, string device, TextWriter writer)
    {
        var prefillTokensPerSecond = result.PrefillSeconds > 0 ? promptTokens / result.PrefillSeconds : 0;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"device: {device}; prefill {promptTokens} tok in {result.PrefillSeconds * 1e3:F1} ms ({prefillTokensPerSecond:F1} tok/s); decode {result.Tokens.Count - 1} tok in {result.DecodeSeconds * 1e3:F1} ms ({result.DecodeTokensPerSecond:F1} tok/s)"));
    }
}
