namespace Pipeline.Acceptance.Bridge;

/// <summary>The keyword a step is written with, which decides how Reqnroll matches it.</summary>
public enum StepKind
{
    /// <summary><c>Given</c>: puts the system in a known state.</summary>
    Given,
    /// <summary><c>When</c>: the action under test.</summary>
    When,
    /// <summary><c>Then</c>: an expected outcome.</summary>
    Then,
    /// <summary><c>And</c>: continues the previous kind.</summary>
    And,
    /// <summary><c>But</c>: continues the previous kind, negatively phrased.</summary>
    But,
}
