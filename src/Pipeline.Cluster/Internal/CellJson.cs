using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Internal;

/// <summary>
/// Cells and results on the wire: JSON, so the grain interface carries plain strings and bytes and the records in
/// Pipeline.Runner know nothing of Orleans. Doubles round-trip exactly (shortest round-trippable form; NaN and infinities
/// by name). A result travels gzipped (<see cref="Pack"/>): a cell's report files are mostly text (<c>trace.json</c>).
/// </summary>
internal static class CellJson
{
    /// <summary>The most bytes one packed result may take: Orleans refuses messages over 100 MB by default.</summary>
    public const int MaxPackedBytes = 64 * 1024 * 1024;

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

    /// <summary>
    /// The result as gzipped JSON. When its report files would make it larger than <paramref name="maxBytes"/>, the
    /// files are left out and the result says so in its errors (a user error, not a message the cluster would refuse).
    /// </summary>
    public static byte[] Pack(CellResult result, int maxBytes = MaxPackedBytes)
    {
        var packed = Gzip(Write(result));
        if (packed.Length <= maxBytes || result.Files is null) return packed;
        var size = string.Create(CultureInfo.InvariantCulture, $"{packed.Length / 1e6:0.#} MB");
        return Gzip(Write(result with
        {
            Files = null,
            Errors = [.. result.Errors, $"cell {result.Index}: its report files are {size} compressed, over the {maxBytes / 1e6:0.#} MB one result can carry from a silo; run it with --cluster none, or without --out"],
        }));
    }

    public static CellResult Unpack(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return ReadResult(reader.ReadToEnd());
    }

    private static byte[] Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        return buffer.ToArray();
    }
}
