using Reqnroll.Tracing;

namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>Drops Reqnroll's console trace; outcomes travel in <see cref="ScenarioResult"/>s.</summary>
internal sealed class QuietTraceListener : ITraceListener
{
    public void WriteTestOutput(string message)
    {
    }

    public void WriteToolOutput(string message)
    {
    }
}
