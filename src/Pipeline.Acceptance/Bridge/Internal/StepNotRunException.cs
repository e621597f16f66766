namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>A step had no binding, or its binding declared itself pending.</summary>
internal sealed class StepNotRunException(string message) : Exception(message);
