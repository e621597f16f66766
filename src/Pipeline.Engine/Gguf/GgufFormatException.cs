namespace Pipeline.Engine;

/// <summary>A GGUF file is malformed or describes something the engine does not support; the message names the problem.</summary>
public sealed class GgufFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GgufFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public GgufFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
