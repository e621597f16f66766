using System.Reflection;
using Reqnroll.Analytics;
using Reqnroll.BoDi;
using Reqnroll.Configuration;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>
/// Reqnroll's container builder with the bridge's plugin initialised from code, so no adapter package,
/// <c>reqnroll.json</c> or assembly attribute is needed in whichever process hosts the run (xunit or the CLI).
/// It also replaces two defaults before anything resolves them: a quiet trace listener (steps report through
/// results, not the console) and no usage telemetry (runs are offline).
/// </summary>
internal sealed class BridgeContainerBuilder(IReadOnlyList<Assembly> additionalStepAssemblies) : ContainerBuilder
{
    protected override void RegisterDefaults(ObjectContainer container)
    {
        base.RegisterDefaults(container);
        container.RegisterTypeAs<QuietTraceListener, ITraceListener>();
        container.RegisterTypeAs<NoTelemetry, IAnalyticsRuntimeTelemetryService>();
    }

    protected override void LoadPlugins(
        IRuntimeConfigurationProvider configurationProvider, ObjectContainer container, RuntimePluginEvents runtimePluginEvents,
        ReqnrollConfiguration reqnrollConfiguration, UnitTestProviderConfiguration unitTestProviderConfigration, Assembly testAssembly)
    {
        base.LoadPlugins(configurationProvider, container, runtimePluginEvents, reqnrollConfiguration,
            unitTestProviderConfigration, testAssembly);
        new BridgeRuntimePlugin(additionalStepAssemblies)
            .Initialize(runtimePluginEvents, new RuntimePluginParameters(), unitTestProviderConfigration);
    }
}
