using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>One scenario as an xunit test case: readable name, tags as <c>Category</c> traits, skip reason.</summary>
public sealed class FeatureScenarioTestCase : XunitTestCase
{
    private string _name = string.Empty;
    private string[] _tags = [];
    private string? _skip;

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public FeatureScenarioTestCase()
    {
    }

    public FeatureScenarioTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions displayOptions,
        ITestMethod testMethod, string featurePath, int line, string name, string[] tags, string? skipReason)
        : base(diagnosticMessageSink, defaultMethodDisplay, displayOptions, testMethod, [featurePath, line])
    {
        _name = name;
        _tags = tags;
        _skip = skipReason;
    }

    protected override void Initialize()
    {
        base.Initialize();
        DisplayName = _name;
        SkipReason = _skip;
        foreach (var tag in _tags) Add("Category", tag);
        Add("Feature", Path.GetFileNameWithoutExtension((string)TestMethodArguments[0]));
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("ScenarioName", _name);
        data.AddValue("ScenarioTags", string.Join('\n', _tags));
        data.AddValue("ScenarioSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _name = data.GetValue<string>("ScenarioName");
        var tags = data.GetValue<string>("ScenarioTags");
        _tags = string.IsNullOrEmpty(tags) ? [] : tags.Split('\n');
        _skip = data.GetValue<string?>("ScenarioSkip");
        base.Deserialize(data);
    }

    private void Add(string name, string value)
    {
        if (!Traits.TryGetValue(name, out var values)) Traits[name] = values = [];
        if (!values.Contains(value)) values.Add(value);
    }
}
