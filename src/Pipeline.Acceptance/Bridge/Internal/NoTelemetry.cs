using Reqnroll.Analytics;

namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>Reqnroll's runtime would otherwise try to send usage telemetry; these runs are offline.</summary>
internal sealed class NoTelemetry : IAnalyticsRuntimeTelemetryService
{
    public void SendFeatureUseEvent(string featureName, Dictionary<string, string>? properties = null, Dictionary<string, double>? metrics = null)
    {
    }

    public void SendProjectRunningEvent()
    {
    }
}
