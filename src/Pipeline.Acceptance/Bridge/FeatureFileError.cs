namespace Pipeline.Acceptance.Bridge;

/// <summary>A feature file that could not be parsed; reported as a failure, never silently dropped.</summary>
/// <param name="FeaturePath">The file.</param>
/// <param name="Message">The Gherkin parser's message (with line and column).</param>
public sealed record FeatureFileError(string FeaturePath, string Message);
