namespace Pipeline.Acceptance.Internal;

/// <summary>A step's expectation did not hold; the message says what was expected and what was found, in domain words.</summary>
internal sealed class ExpectationException(string message) : Exception(message);
