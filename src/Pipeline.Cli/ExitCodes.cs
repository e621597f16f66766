namespace Pipeline.Cli;

/// <summary>The exit codes of the <c>pipeline</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>The input has errors (diagnostics were printed), a run was INVALID, or a test failed.</summary>
    public const int Errors = 1;

    /// <summary>The command line itself is wrong (unknown verb or option, missing file).</summary>
    public const int Usage = 2;

    /// <summary>A bug in Pipeline: an exception escaped. The message asks for a report.</summary>
    public const int InternalError = 3;

    /// <summary>The user interrupted a run (Ctrl-C): it stopped cleanly, and what it had was written, marked INVALID (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
