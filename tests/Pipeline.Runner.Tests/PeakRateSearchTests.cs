using Pipeline.Core.Text;
using Pipeline.Runner.Search;

namespace Pipeline.Runner.Tests;

public sealed class PeakRateSearchTests
{
    private static readonly RunResult Template = ExperimentRunner.Run(new TestPlan { Workload = new WorkloadPlan(new PoissonArrivals(1), new FixedLength(4), new FixedLength(2), 2, null, 1) }.Experiment());

    /// <summary>A run that is VALID exactly up to <paramref name="capacity"/>.</summary>
    private static Func<double, RunResult> Oracle(double capacity, List<double>? rates = null) => rate =>
    {
        rates?.Add(rate);
        return Template with { InvalidReasons = rate <= capacity ? [] : ["over capacity"] };
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(7.3)]
    [InlineData(40.0)]
    public void Brackets_then_bisects_to_the_highest_valid_rate_within_the_tolerance(double start)
    {
        var rates = new List<double>();
        var result = PeakRateSearch.Find(Oracle(7.3, rates), start, tolerance: 0.02);
        result.Found.Should().BeTrue();
        result.Peak!.Rate.Should().BeLessThanOrEqualTo(7.3).And.BeGreaterThanOrEqualTo(7.3 / 1.02);
        result.LowestInvalid.Should().BeLessThanOrEqualTo(result.Peak.Rate * 1.02);
        result.Probes.Select(p => p.Rate).Should().Equal(rates, "every probe is reported, in order");
        result.Probes.Should().OnlyContain(p => p.Valid == (p.Rate <= 7.3));
        result.Probes.Count.Should().BeLessThan(15);
    }

    [Fact]
    public void Reports_when_no_rate_is_valid_or_the_limits_never_break()
    {
        var none = PeakRateSearch.Find(Oracle(0), 4, 0.02);
        none.Found.Should().BeFalse();
        none.Peak.Should().BeNull();
        none.Failure.Should().StartWith("no rate down to");
        var always = PeakRateSearch.Find(Oracle(double.PositiveInfinity), 4, 0.02);
        always.Found.Should().BeFalse();
        always.Failure.Should().Contain("the limits never broke");
        always.Peak.Should().NotBeNull();
    }

    [Fact]
    public void Only_the_peak_keeps_its_timelines()
    {
        var result = PeakRateSearch.Find(rate => ExperimentRunner.Run(new TestPlan
        {
            Workload = new WorkloadPlan(new PoissonArrivals(rate), new FixedLength(4), new FixedLength(2), 20, null, 1),
        }.Experiment()) with { InvalidReasons = rate <= 3 ? [] : ["over"] }, 2, 0.1);
        result.Peak!.Result.Timelines.Should().HaveCount(20);
        result.Probes.Where(p => !ReferenceEquals(p, result.Peak)).Should().OnlyContain(p => p.Result.Timelines.Count == 0 && p.Result.Metrics.Completed == 20);
    }

    [Fact]
    public void A_cancelled_search_stops_after_the_current_probe()
    {
        using var cancel = new CancellationTokenSource();
        var result = PeakRateSearch.Find(rate =>
        {
            cancel.Cancel();
            return Oracle(7.3)(rate);
        }, 1, 0.02, cancellation: cancel.Token);
        result.Probes.Should().HaveCount(1);
        result.Failure.Should().Be(ExperimentRunner.Interrupted);
    }

    /// <summary>
    /// A planted capacity: every step takes 10 ms whatever it holds, ten requests fit a batch and each needs ten steps
    /// (prefill with the first token, nine decodes), so the deployment completes at most 10 / (10 x 10 ms) = 100 req/s.
    /// With a 2 s TTFT limit on 0.1 s requests and 20,000 queries, the queue only breaks the limit near that capacity.
    /// </summary>
    [Fact]
    public void Finds_a_planted_capacity_within_its_tolerance_through_the_compiler()
    {
        const string text = """
            experiment planted {
              model llama-3.1-8b
              hardware { accelerator = h100-sxm }
              batching { policy = continuous  max_batch = 10  max_batched_tokens = 1024 tok }
              workload { arrivals = poisson(rate: 30 req/s)  prompt = fixed(16 tok)  output = fixed(10 tok)  requests = 20000  seed = 5 }
              slo { ttft p99 <= 2 s }
              benchmark { scenario = server  mode = simulate  search = peak_rate(tolerance: 2%) }
            }
            """;
        var source = new SourceText("planted.pipe", text);
        var compiled = Compiler.ExperimentCompiler.Compile(source);
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics));
        var options = new RunOptions(Executors: (_, _) => new FakeExecutor(0.01));
        var probes = new List<PeakProbe>();

        var result = PeakRateSearch.Find(compiled.Plan!, new ExperimentProbes(source), options, probes.Add);

        result.Found.Should().BeTrue(result.Failure);
        result.Peak!.Rate.Should().BeInRange(95, 101, "the planted capacity is 100 req/s");
        result.LowestInvalid.Should().BeLessThanOrEqualTo(result.Peak.Rate * 1.02);
        probes.Should().HaveCount(result.Probes.Count);
        probes[0].Rate.Should().Be(30, "the search starts at the file's rate");
        result.Peak.Result.Metrics.Completed.Should().Be(20000);
        result.Peak.Result.Metrics.RequestThroughput.Should().BeApproximately(result.Peak.Rate, result.Peak.Rate * 0.05);
    }

    [Fact]
    public void Probes_are_compiled_at_their_rate_with_the_sweep_cell_applied()
    {
        const string text = """
            experiment probes {
              model llama-3.1-8b
              hardware { accelerator = h100-sxm }
              batching { policy = continuous  max_batch = 64 }
              workload { arrivals = poisson(rate: 4 req/s)  prompt = fixed(128 tok)  output = fixed(16 tok)  duration = 10 s }
              slo { ttft p99 <= 2 s }
              benchmark { scenario = server  mode = simulate  search = peak_rate }
              sweep { batching.max_batch = [8, 32] }
            }
            """;
        var source = new SourceText("probes.pipe", text);
        var compiled = Compiler.ExperimentCompiler.Compile(source);
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Diagnostics));
        var probes = ExperimentProbes.ForRun(source, compiled, 1);
        var plan = probes.At(12.5);
        plan.Benchmark.Workload.Arrivals.Should().Be(new PoissonArrivals(12.5));
        plan.Execution.Batching.MaxBatch.Should().Be(32, "the cell's own settings stay");
        plan.Benchmark.Search.Should().Be(new PeakSearchPlan(PeakSearchPlan.DefaultTolerance));
    }
}
