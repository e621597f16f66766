using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>A resolved model, the built-in it derives from (for MLPerf limits), and where to point at it.</summary>
internal sealed record BoundModel(ModelPlan Plan, string? CatalogName, SourceText Source, TextSpan Anchor, IReadOnlyDictionary<string, TextSpan> SettingSpans)
{
    public TextSpan SpanOf(string setting) => SettingSpans.TryGetValue(setting, out var span) ? span : Anchor;
}
