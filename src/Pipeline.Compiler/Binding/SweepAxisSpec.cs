using Pipeline.Core.Text;
using Pipeline.Language.Units;

namespace Pipeline.Compiler.Binding;

/// <summary>A bound sweep axis: its path, values in base units, and where it is written.</summary>
internal sealed record SweepAxisSpec(string Path, IReadOnlyList<double> Values, Dimension Dimension, TextSpan Span);
