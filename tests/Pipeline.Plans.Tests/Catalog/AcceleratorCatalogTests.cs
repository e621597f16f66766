using Pipeline.Plans.Catalog;

namespace Pipeline.Plans.Tests.Catalog;

public sealed class AcceleratorCatalogTests
{
    [Fact]
    public void H100_sxm_has_dense_datasheet_figures()
    {
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        h100!.PeakFlops(DType.BF16).Should().Be(989.4e12);
        h100.PeakFlops(DType.F16).Should().Be(989.4e12);
        h100.PeakFlops(DType.FP8).Should().Be(1978.9e12);
        h100.PeakFlops(DType.F32).Should().Be(66.9e12);
        h100.MemoryBandwidth.Should().Be(3.35e12);
        h100.MemoryCapacity.Should().Be(81_559 * 1024.0 * 1024, "nvidia-smi reports 81,559 MiB on an H100 80GB HBM3");
        h100.InterconnectBandwidth.Should().Be(900e9);
        h100.Local.Should().BeNull();
    }

    [Fact]
    public void Only_blackwell_parts_have_a_dense_fp4_rate_twice_their_fp8_rate()
    {
        // HGX B200: 144 PF fp4 sparse per 8 GPUs = 9 PF dense per GPU; GB200 NVL72: 1,440 PF sparse per 72 = 10 PF dense.
        AcceleratorCatalog.TryGet("b200", out var b200).Should().BeTrue();
        AcceleratorCatalog.TryGet("gb200", out var gb200).Should().BeTrue();
        b200!.PeakFlops(DType.FP4).Should().Be(9000e12);
        gb200!.PeakFlops(DType.FP4).Should().Be(10000e12);
        b200.PeakFlops(DType.FP4).Should().Be(2 * b200.PeakFlops(DType.FP8));
        foreach (var name in AcceleratorCatalog.Names.Where(n => n is not ("b200" or "gb200")))
        {
            AcceleratorCatalog.TryGet(name, out var spec).Should().BeTrue();
            spec!.PeakFlops(DType.FP4).Should().BeNull($"{name} has no fp4 tensor cores");
        }
    }

    [Fact]
    public void H100_bf16_ridge_point_is_about_295_flop_per_byte()
    {
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        h100!.RidgePoint(DType.BF16).Should().BeApproximately(295.3, 0.1);
    }

    [Fact]
    public void A100_has_no_fp8()
    {
        AcceleratorCatalog.TryGet("a100-80gb", out var a100).Should().BeTrue();

        a100!.PeakFlops(DType.FP8).Should().BeNull();
        a100.RidgePoint(DType.FP8).Should().BeNull();
        a100.PeakFlops(DType.BF16).Should().Be(312e12);
    }

    [Theory]
    [InlineData("h200", 4.8e12, 143_771 * 1048576.0)] // nvidia-smi: 143,771 MiB
    [InlineData("mi300x", 5.3e12, 206_141_652_992.0)] // rocm-smi VRAM Total Memory (B), NPS1/SPX
    [InlineData("b200", 8e12, 180 * 1073741824.0)] // no reading found: "180 GB" read as binary gigabytes
    [InlineData("l40s", 864e9, 46_068 * 1048576.0)] // nvidia-smi: 46,068 MiB
    public void Memory_is_what_the_driver_reports_and_bandwidth_is_decimal(string name, double bandwidth, double capacity)
    {
        AcceleratorCatalog.TryGet(name, out var spec).Should().BeTrue();

        spec!.MemoryBandwidth.Should().Be(bandwidth);
        spec.MemoryCapacity.Should().Be(capacity);
    }

    [Fact]
    public void Every_built_in_has_f32_and_fp8_is_twice_bf16_where_present()
    {
        AcceleratorCatalog.Names.Should().Equal(
            "h100-sxm", "h100-nvl", "h100-pcie", "h200", "h200-nvl", "gh200", "a100-80gb", "mi300x", "mi325x", "b200", "gb200", "l40s");
        foreach (var name in AcceleratorCatalog.Names)
        {
            AcceleratorCatalog.TryGet(name, out var spec).Should().BeTrue();
            spec!.Name.Should().Be(name);
            spec.PeakFlops(DType.F32).Should().BePositive(name);
            if (spec.PeakFlops(DType.FP8) is { } fp8)
            {
                (fp8 / spec.PeakFlops(DType.BF16)!.Value).Should().BeApproximately(2, 0.03, name);
            }
        }
    }

    [Fact]
    public void Every_built_in_belongs_to_a_family_with_plausible_cost_parameters_and_a_source()
    {
        foreach (var name in AcceleratorCatalog.Names)
        {
            AcceleratorCatalog.TryGet(name, out var spec).Should().BeTrue();
            var p = spec!.Cost;
            new[] { p.GemmEfficiency, p.AttentionEfficiency, p.BandwidthEfficiency, p.KvReadEfficiency, p.LinkEfficiency, p.MemoryUtilisation }
                .Should().OnlyContain(e => e > 0 && e <= 1, name);
            new[] { p.LinkLatency, p.KernelLaunch, p.StepOverhead, p.SequenceOverhead }.Should().OnlyContain(t => t >= 0 && t < 0.1, name);
            spec.ComputeUnits.Should().BeInRange(64, 512, name);
            spec.RatedPower.Should().BeInRange(300, 1500, name);
            spec.CostSource.Should().StartWith("catalogue: " + spec.Family, name);
            spec.ComputeScale.Should().BeInRange(0.3, 1.1, name + ": a built-in runs at its rated power, within its datasheet");
        }
    }

    [Fact]
    public void One_parameter_set_per_family()
    {
        var byFamily = AcceleratorCatalog.Names.Select(n => AcceleratorCatalog.TryGet(n, out var s) ? s! : null!).GroupBy(s => s.Family);
        foreach (var family in byFamily)
        {
            family.Select(s => s.Cost).Distinct().Should().ContainSingle(family.Key);
        }
    }

    [Theory]
    [InlineData(LocalBackend.Auto)]
    [InlineData(LocalBackend.Cpu)]
    [InlineData(LocalBackend.IlgpuCpu)]
    [InlineData(LocalBackend.Cuda)]
    public void Local_figures_are_fixed_and_tagged_with_the_backend(LocalBackend backend)
    {
        var first = AcceleratorCatalog.Local(backend);
        var second = AcceleratorCatalog.Local(backend);

        first.Should().Be(second, "repeated calls give equal specs, so plans compare equal");
        first.Local.Should().Be(backend);
        first.Name.Should().StartWith("local-");
        second.Name.Should().Be(first.Name);
        second.MemoryBandwidth.Should().Be(first.MemoryBandwidth);
        second.MemoryCapacity.Should().Be(first.MemoryCapacity);
        second.DenseFlops.Should().Equal(first.DenseFlops);
        first.PeakFlops(DType.F32).Should().BePositive();
        first.PeakFlops(DType.FP8).Should().BeNull("no local backend executes fp8");
    }

    [Fact]
    public void Catalogue_figures_cannot_be_changed_through_a_cast()
    {
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        (h100!.DenseFlops as IDictionary<DType, double>)?.IsReadOnly.Should().BeTrue();
        h100.DenseFlops.Should().NotBeOfType<Dictionary<DType, double>>();
    }

    [Fact]
    public void Unknown_name_is_not_found()
    {
        AcceleratorCatalog.TryGet("tpu-v5", out var spec).Should().BeFalse();
        spec.Should().BeNull();
    }
}
