using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>
/// Maps Reqnroll's pending, inconclusive and ignore outcomes to exceptions: a missing or pending step
/// fails its scenario with Reqnroll's message (which shows the binding to write), never passes quietly.
/// </summary>
internal sealed class BridgeUnitTestRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new StepNotRunException("pending: " + message);

    public void TestInconclusive(string message) => throw new StepNotRunException(message);

    public void TestIgnore(string message) => throw new StepNotRunException("ignored: " + message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is StepNotRunException ? ScenarioExecutionStatus.StepDefinitionPending : null;
}
