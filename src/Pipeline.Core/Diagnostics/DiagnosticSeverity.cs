namespace Pipeline.Core.Diagnostics;

/// <summary>How serious a diagnostic is. Only <see cref="Error"/> stops compilation.</summary>
public enum DiagnosticSeverity
{
    /// <summary>A remark; never fails a build.</summary>
    Info,
    /// <summary>Probably a mistake; compilation continues.</summary>
    Warning,
    /// <summary>The file cannot be compiled.</summary>
    Error,
}
