namespace Pipeline.Core.Diagnostics;

/// <summary>An exception's message as a user reads it: without the runtime's <c>(Parameter 'name')</c> suffix, which names C#, not their input.</summary>
public static class UserMessage
{
    /// <summary>The message of <paramref name="error"/>, less the parameter suffix an <see cref="ArgumentException"/> adds.</summary>
    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ArgumentException { ParamName: { } name }
            ? error.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : error.Message;
    }
}
