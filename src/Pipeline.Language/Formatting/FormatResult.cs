using Pipeline.Core.Diagnostics;

namespace Pipeline.Language.Formatting;

/// <summary>The canonical text of a file, or null with the syntax errors that prevent formatting it.</summary>
/// <param name="Text">The formatted text, or null when the file does not parse.</param>
/// <param name="Diagnostics">Syntax diagnostics (empty when <paramref name="Text"/> is set, save warnings).</param>
public sealed record FormatResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics);
