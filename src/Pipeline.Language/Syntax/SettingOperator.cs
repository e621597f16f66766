namespace Pipeline.Language.Syntax;

/// <summary>How a setting relates its key to its value.</summary>
public enum SettingOperator
{
    /// <summary><c>key = value</c>.</summary>
    Assign,
    /// <summary><c>key &lt;= value</c> (service-level limits).</summary>
    AtMost,
}
