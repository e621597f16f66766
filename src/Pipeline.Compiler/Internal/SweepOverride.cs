using Pipeline.Core.Text;

namespace Pipeline.Compiler.Internal;

/// <summary>A value a sweep cell puts in place of a setting: already in base units, located at the sweep axis.</summary>
internal sealed record SweepOverride(double Value, TextSpan Span);
