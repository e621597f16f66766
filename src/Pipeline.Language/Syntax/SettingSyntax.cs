using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>
/// A setting: <c>max_batch = 8</c>, <c>flops bf16 = 989.4 TFLOPS</c>, <c>ttft p99 &lt;= 2 s</c>,
/// <c>workload.arrivals.rate = 1 req/s .. 16 req/s step 3 req/s</c>.
/// </summary>
/// <param name="Key">The setting's key (may be a dotted path inside <c>sweep</c>).</param>
/// <param name="Qualifiers">Words between key and operator (<c>bf16</c>, <c>p99</c>).</param>
/// <param name="Operator">The operator.</param>
/// <param name="Value">The value.</param>
public sealed record SettingSyntax(
    NameSyntax Key,
    IReadOnlyList<NameSyntax> Qualifiers,
    SettingOperator Operator,
    ValueSyntax Value) : StatementSyntax, IPositionAware<SettingSyntax>
{
    /// <inheritdoc />
    public SettingSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
