namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// A feature file, or a scenario in one, that cannot run: reported as a failure, never silently dropped, located as the
/// experiment language's diagnostics are (<c>file:line:col: message</c>, the source line, a caret, a hint).
/// </summary>
/// <param name="FeaturePath">The file.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">One-based line, when known.</param>
/// <param name="Column">One-based column, when known.</param>
/// <param name="Hint">What to do about it, when there is a general answer.</param>
public sealed record FeatureFileError(string FeaturePath, string Message, int? Line = null, int? Column = null, string? Hint = null)
{
    /// <summary>The error as the CLI prints it: location, message, the source line with a caret under the column, the hint.</summary>
    public override string ToString()
    {
        if (Line is not { } line) return $"{FeaturePath}: {Message}";
        int column = Column ?? 1;
        var text = $"{FeaturePath}:{line}:{column}: {Message}";
        var source = SourceLine(line);
        if (source is not null)
        {
            var gutter = new string(' ', line.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            text += $"\n {line} | {source}\n {gutter} | {new string(' ', Math.Max(0, column - 1))}^";
        }
        return Hint is null ? text : text + $"\n = hint: {Hint}";
    }

    private string? SourceLine(int line)
    {
        try
        {
            return File.ReadLines(FeaturePath).Skip(line - 1).FirstOrDefault()?.TrimEnd('\r').Replace('\t', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
