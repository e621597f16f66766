using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Plans.Rendering;

/// <summary>
/// Renders a plan as canonical JSON: every field, snake_case names in a fixed order, indented with two spaces,
/// <c>\n</c> line endings, invariant shortest round-trip numbers. Quantities are in base SI units: seconds, bytes,
/// bytes per second, FLOPs and FLOP/s. Absent optional values are <c>null</c>.
/// </summary>
public static class PlanJsonRenderer
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Readable text (no \u escapes for +, <, ', non-ASCII); the output is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders the whole plan.</summary>
    /// <param name="plan">The compiled experiment.</param>
    /// <returns>The canonical JSON text (no trailing newline).</returns>
    public static string Render(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("name", plan.Name);
            writer.WriteString("source_path", plan.SourcePath);
            writer.WriteStartObject("execution");
            ExecutionJson.Write(writer, plan.Execution);
            writer.WriteEndObject();
            writer.WriteStartObject("benchmark");
            BenchmarkJson.Write(writer, plan.Benchmark);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
