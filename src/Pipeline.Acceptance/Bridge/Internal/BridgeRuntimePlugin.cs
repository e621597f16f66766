using System.Reflection;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>
/// What an adapter package would register: the unit-test provider and the step assemblies.
/// </summary>
internal sealed class BridgeRuntimePlugin(IReadOnlyList<Assembly> additionalStepAssemblies) : IRuntimePlugin
{
    public const string ProviderName = "pipeline-bridge";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.ConfigurationDefaults += (_, e) =>
        {
            foreach (var assembly in additionalStepAssemblies)
            {
                var name = assembly.GetName().Name!;
                if (!e.ReqnrollConfiguration.AdditionalStepAssemblies.Contains(name))
                {
                    e.ReqnrollConfiguration.AdditionalStepAssemblies.Add(name);
                }
            }
        };
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<BridgeUnitTestRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
    }
}
