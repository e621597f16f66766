using Pipeline.Plans.Rendering;

namespace Pipeline.Plans.Tests.Rendering;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(80e9, "80 GB")]
    [InlineData(137_953_296_384, "138 GB")]
    [InlineData(68_977_967_104, "68.98 GB")]
    [InlineData(999_960_000_000, "1 TB")]
    [InlineData(327_680, "327.7 KB")]
    public void Bytes_use_decimal_prefixes_and_four_significant_digits(double bytes, string expected)
    {
        Units.Bytes(bytes).Should().Be(expected);
    }

    [Theory]
    [InlineData(3.35e12, "3.35 TB/s")]
    [InlineData(900e9, "900 GB/s")]
    [InlineData(2.039e12, "2.039 TB/s")]
    public void Bandwidth(double value, string expected) => Units.Bandwidth(value).Should().Be(expected);

    [Theory]
    [InlineData(989.4e12, "989.4 TFLOPS")]
    [InlineData(2250e12, "2.25 PFLOPS")]
    [InlineData(0.5e12, "500 GFLOPS")]
    public void Flop_rates(double value, string expected) => Units.FlopRate(value).Should().Be(expected);

    [Theory]
    [InlineData(1.2e12, "1.2e12 FLOP")]
    [InlineData(137_953_296_384, "1.38e11 FLOP")]
    [InlineData(96, "9.6e1 FLOP")]
    [InlineData(0, "0 FLOP")]
    public void Flop_counts_are_scientific(double value, string expected) => Units.Flops(value).Should().Be(expected);

    [Theory]
    [InlineData(2, "2 s")]
    [InlineData(0.45, "450 ms")]
    [InlineData(0.04, "40 ms")]
    [InlineData(12.5e-6, "12.5 us")]
    [InlineData(3e-9, "3 ns")]
    [InlineData(0, "0 s")]
    public void Seconds_pick_a_readable_unit(double value, string expected) => Units.Seconds(value).Should().Be(expected);

    [Theory]
    [InlineData(1e-5, "1e-5")]
    [InlineData(500000, "500000")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "0")]
    [InlineData(1234567.89, "1234570")]
    public void Numbers_are_plain_and_rounded(double value, string expected) => Units.Number(value).Should().Be(expected);

    [Theory]
    [InlineData(68_976_648_192, "68.98B")]
    [InlineData(86_848, "86.85K")]
    [InlineData(512, "512")]
    public void Abbreviated_counts(double value, string expected) => Units.Abbreviated(value).Should().Be(expected);

    [Fact]
    public void Rates_and_percentages()
    {
        Units.Rate(2.5, "req/s").Should().Be("2.5 req/s");
        Units.Rate(12345.6, "tok/s").Should().Be("12350 tok/s");
        Units.Percent(0.953).Should().Be("95.3%");
        Units.Percent(1).Should().Be("100%");
    }

    [Fact]
    public void Intensity() => Units.Intensity(312.44).Should().Be("312.4 FLOP/B");
}
