using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Internal;

/// <summary>
/// Cells and results on the wire: JSON, so the grain interface carries plain strings and the records in Pipeline.Runner
/// know nothing of Orleans. Doubles round-trip exactly (shortest round-trippable form; NaN and infinities by name).
/// </summary>
internal static class CellJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Write(ExperimentCell cell) => JsonSerializer.Serialize(cell, Options);

    public static string Write(CellResult result) => JsonSerializer.Serialize(result, Options);

    public static ExperimentCell ReadCell(string json) =>
        JsonSerializer.Deserialize<ExperimentCell>(json, Options) ?? throw new JsonException("null cell");

    public static CellResult ReadResult(string json) =>
        JsonSerializer.Deserialize<CellResult>(json, Options) ?? throw new JsonException("null result");
}
