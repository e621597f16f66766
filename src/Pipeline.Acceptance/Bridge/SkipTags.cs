namespace Pipeline.Acceptance.Bridge;

/// <summary>Tags the bridge treats specially at discovery.</summary>
public static class SkipTags
{
    /// <summary><c>@ignore</c>: never run, reported as skipped.</summary>
    public const string Ignore = "ignore";

    /// <summary><c>@pending</c>: written before the code it needs; reported as skipped, never as a pass.</summary>
    public const string Pending = "pending";
}
