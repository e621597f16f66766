using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Plans.Tests.Costs;

public sealed class SustainedClockTests
{
    private static readonly ModelArchitecture Llama70B = new(80, 8192, 64, 8, 28672, 32000, 4096, 10000, 1e-5, DType.FP8);

    private static AcceleratorSpec Part(string name) => AcceleratorCatalog.TryGet(name, out var s) ? s! : throw new InvalidOperationException(name);

    private static AcceleratorSpec WithStatic(AcceleratorSpec spec, double staticPower, string? reference = "h100-sxm") =>
        spec with { Cost = spec.Cost with { StaticPower = staticPower, ClockReference = reference } };

    private static StepShape Decodes(int batch, int context)
    {
        var shape = default(StepShape);
        for (var i = 0; i < batch; i++) shape.Add(1, context - 1);
        return shape;
    }

    [Fact]
    public void A_part_that_is_its_own_reference_without_static_power_scales_by_the_cube_root_of_its_power()
    {
        var h200 = WithStatic(Part("h200"), 0, reference: null) with { Power = 1000 };
        // By hand: cbrt(1000 / 700) = 1.12625.
        SustainedClock.Scale(h200).Should().BeApproximately(1.12625, 1e-5);
    }

    [Fact]
    public void The_reference_part_and_its_same_clock_siblings_run_their_datasheet_at_their_rated_power()
    {
        foreach (var name in new[] { "h100-sxm", "h200", "gh200" })
        {
            SustainedClock.Scale(WithStatic(Part(name), 327)).Should().BeApproximately(1, 1e-12, name);
        }
    }

    [Fact]
    public void Static_power_takes_its_share_before_the_clock_so_a_400_watt_card_runs_well_under_its_datasheet()
    {
        // By hand, H100 NVL at 400 W against the H100 SXM at 700 W, 327 W static: per-SM rate 835.5/132 over
        // 989.4/132 = 0.84445, cubed 0.60218; demand (700 - 327) x 1 x 0.60218 = 224.61 W; (400 - 327) / 224.61 =
        // 0.32501; cube root 0.68754.
        SustainedClock.Scale(WithStatic(Part("h100-nvl"), 327)).Should().BeApproximately(0.68754, 1e-4);
        // H100 PCIe, 114 SMs at 350 W: rate (756.5/114) / (989.4/132) = 0.88533, cubed 0.69392; demand 373 x 114/132 x
        // 0.69392 = 223.54 W; 23 / 223.54 = 0.10289; cube root 0.46859.
        SustainedClock.Scale(WithStatic(Part("h100-pcie"), 327)).Should().BeApproximately(0.46859, 1e-4);
        // Without static power the same cards keep nearly their datasheet: the datasheet's own clocks follow a cube root.
        SustainedClock.Scale(WithStatic(Part("h100-nvl"), 0)).Should().BeApproximately(Math.Cbrt(400 / (700 * 0.60218)), 1e-4);
    }

    [Fact]
    public void More_power_than_rated_raises_the_clock_by_the_cube_root_of_the_dynamic_share()
    {
        // (1000 - 327) / (700 - 327) = 1.80429; cube root 1.21741.
        SustainedClock.Scale(WithStatic(Part("h200"), 327) with { Power = 1000 }).Should().BeApproximately(1.21741, 1e-4);
    }

    [Fact]
    public void The_clock_falls_monotonically_with_the_power_limit_and_stops_at_the_floor()
    {
        var nvl = WithStatic(Part("h100-nvl"), 327);
        var scales = new[] { 600.0, 500, 400, 350, 330 }.Select(w => SustainedClock.Scale(nvl with { Power = w })).ToArray();
        scales.Should().BeInDescendingOrder();
        scales[^1].Should().BeGreaterThan(0);
        SustainedClock.Scale(nvl with { Power = 300 }).Should().Be(SustainedClock.Floor);
    }

    [Fact]
    public void A_power_limited_clock_slows_the_gemms_and_the_kv_read_but_more_power_never_speeds_the_kv_read()
    {
        var ideal = Part("h100-nvl").Cost with { StepOverhead = 0, SequenceOverhead = 0, KernelLaunch = 0 };
        var unlimited = Part("h100-nvl") with { Cost = ideal with { StaticPower = 0, ClockReference = null } };
        var limited = Part("h100-nvl") with { Cost = ideal with { StaticPower = 327, ClockReference = "h100-sxm" } };
        var shape = Decodes(256, 2048);
        double Time(AcceleratorSpec spec, string op) => new ExecutionTimePredictor(Llama70B, spec, 2).Explain(shape).Operators.Single(o => o.Name == op).Seconds;
        // The KV read of 256 sequences at 2,048 tokens is far above a launch, so its time is bytes over the scaled rate.
        (Time(limited, "attention_decode") / Time(unlimited, "attention_decode")).Should().BeApproximately(1 / 0.68754, 1e-3);
        var h200 = Part("h200") with { Cost = Part("h200").Cost with { StepOverhead = 0, SequenceOverhead = 0, KernelLaunch = 0 } };
        Time(h200 with { Power = 1000 }, "attention_decode").Should().BeApproximately(Time(h200, "attention_decode"), 1e-12,
            "above its rated clock the decode kernel meets HBM's limit, which the power does not raise");
    }
}
