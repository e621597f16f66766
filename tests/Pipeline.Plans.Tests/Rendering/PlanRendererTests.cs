using System.Globalization;
using System.Text.Json;
using Pipeline.Plans.Rendering;

namespace Pipeline.Plans.Tests.Rendering;

public sealed class PlanRendererTests
{
    public static TheoryData<string> Cultures => new() { "de-DE", "fr-FR", "ar-SA" };

    [Fact]
    public void Two_renders_of_the_same_plan_are_byte_identical()
    {
        PlanTextRenderer.Render(SamplePlans.Colocated()).Should().Be(PlanTextRenderer.Render(SamplePlans.Colocated()));
        PlanJsonRenderer.Render(SamplePlans.Colocated()).Should().Be(PlanJsonRenderer.Render(SamplePlans.Colocated()));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Output_does_not_depend_on_the_current_culture(string cultureName)
    {
        var plan = SamplePlans.Colocated();
        var invariantText = WithCulture(CultureInfo.InvariantCulture, () => PlanTextRenderer.Render(plan));
        var invariantJson = WithCulture(CultureInfo.InvariantCulture, () => PlanJsonRenderer.Render(plan));
        var culture = CultureInfo.GetCultureInfo(cultureName);
        (culture.NumberFormat.NumberDecimalSeparator != "." || culture.NumberFormat.NativeDigits[1] != "1")
            .Should().BeTrue("the culture must format numbers differently from the invariant one, or the test proves nothing");

        WithCulture(culture, () => PlanTextRenderer.Render(plan)).Should().Be(invariantText);
        WithCulture(culture, () => PlanJsonRenderer.Render(plan)).Should().Be(invariantJson);
    }

    [Fact]
    public void Text_uses_newline_endings_units_and_roofline_verdicts()
    {
        var text = PlanTextRenderer.Render(SamplePlans.Colocated());

        text.Should().NotContain("\r").And.EndWith("\n");
        text.Should().Contain("flops bf16: 989.4 TFLOPS (dense)")
            .And.Contain("bandwidth: 3.35 TB/s")
            .And.Contain("memory: 85.52 GB")
            .And.Contain("bound: compute-bound")
            .And.Contain("bound: memory-bound")
            .And.Contain("p99 ttft <= 2 s (mlperf_default)")
            .And.Contain("#3 workload.rate=2.5 batching.max_batch=64");
    }

    [Fact]
    public void Json_parses_back_with_every_section_and_snake_case_keys()
    {
        using var document = JsonDocument.Parse(PlanJsonRenderer.Render(SamplePlans.Colocated()));
        var root = document.RootElement;

        root.GetProperty("name").GetString().Should().Be("llama70b-server");
        var execution = root.GetProperty("execution");
        execution.GetProperty("model").GetProperty("architecture").GetProperty("kv_heads").GetInt32().Should().Be(8);
        var pool = execution.GetProperty("deployment").GetProperty("pools")[0];
        pool.GetProperty("accelerator").GetProperty("dense_flops").GetProperty("bf16").GetDouble().Should().Be(989.4e12);
        pool.GetProperty("kv_cache").GetProperty("blocks_per_worker").GetInt32().Should().BePositive();
        execution.GetProperty("batching").GetProperty("policy").GetString().Should().Be("continuous");
        var costs = execution.GetProperty("costs");
        costs.GetProperty("per_layer").GetArrayLength().Should().Be(11);
        costs.GetProperty("prefill").GetProperty("compute_bound").GetBoolean().Should().BeTrue();
        costs.GetProperty("decode").GetProperty("compute_bound").GetBoolean().Should().BeFalse();
        var benchmark = root.GetProperty("benchmark");
        benchmark.GetProperty("scenario").GetString().Should().Be("server");
        benchmark.GetProperty("slo")[1].GetProperty("limit").GetDouble().Should().Be(0.2);
        benchmark.GetProperty("workload").GetProperty("arrivals").GetProperty("rate").GetDouble().Should().Be(2.5);
        benchmark.GetProperty("sweep").GetProperty("runs").GetArrayLength().Should().Be(4);
        AllPropertyNames(root).Should().OnlyContain(n => n == n.ToLowerInvariant() && !n.Contains('-') && !n.Contains(' '));
    }

    [Fact]
    public void Optional_values_and_other_variants_render_in_both_forms()
    {
        var plan = SamplePlans.DisaggregatedLocal();
        var text = PlanTextRenderer.Render(plan);
        using var document = JsonDocument.Parse(PlanJsonRenderer.Render(plan));

        text.Should().Contain("disaggregated: yes").And.Contain("sweep: none").And.Contain("local: cpu")
            .And.Contain("weights: gguf(\"models/tiny \\\"q8\\\".gguf\")").And.Contain("scenario: single-stream");
        var benchmark = document.RootElement.GetProperty("benchmark");
        benchmark.GetProperty("sweep").ValueKind.Should().Be(JsonValueKind.Null);
        benchmark.GetProperty("duration").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("execution").GetProperty("model").GetProperty("weights").GetProperty("path")
            .GetString().Should().Be("models/tiny \"q8\".gguf");
    }

    [Fact]
    public void Colocated_plan_text_matches_snapshot() => SnapshotGuard.Match(PlanTextRenderer.Render(SamplePlans.Colocated()), "txt");

    [Fact]
    public void Colocated_plan_json_matches_snapshot() => SnapshotGuard.Match(PlanJsonRenderer.Render(SamplePlans.Colocated()), "json");

    [Fact]
    public void Disaggregated_local_plan_text_matches_snapshot() =>
        SnapshotGuard.Match(PlanTextRenderer.Render(SamplePlans.DisaggregatedLocal()), "txt");

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static IEnumerable<string> AllPropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .SelectMany(p => (p.Name.Contains('.') ? [] : new[] { p.Name }).Concat(AllPropertyNames(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AllPropertyNames),
        _ => [],
    };
}
