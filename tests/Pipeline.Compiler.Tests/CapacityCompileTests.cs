using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Tests;

/// <summary>The capacity block: candidates are the product of the axes and each compiles with its own values.</summary>
public sealed class CapacityCompileTests
{
    private const string Text = """
        accelerator h200 { price = 3.5 USD/h }
        experiment plan {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          workload { arrivals = poisson(rate: 4 req/s)  prompt = fixed(512 tok)  output = fixed(128 tok)  requests = 100 }
          slo { ttft p90 <= 1 s }
          benchmark { scenario = server  mode = simulate  min_queries = 100 }
          capacity {
            hardware.accelerator = [h100-sxm, h200]
            hardware.tp = [1, 2]
            batching.max_batched_tokens = [1024 tok, 4096 tok]
          }
        }
        """;

    private static readonly SourceText Source = new("plan.pipe", Text);

    [Fact]
    public void Candidates_are_the_product_of_the_axes_first_axis_slowest()
    {
        var result = ExperimentCompiler.Compile(Source, _ => null);
        result.Success.Should().BeTrue();
        var capacity = result.Plan!.Capacity!;
        capacity.Axes.Should().Equal("hardware.accelerator", "hardware.tp", "batching.max_batched_tokens");
        capacity.Candidates.Should().HaveCount(8);
        capacity.Candidates.Select(c => c.Index).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        capacity.Candidates[0].Label.Should().Be("hardware.accelerator = h100-sxm, hardware.tp = 1, batching.max_batched_tokens = 1024 tok");
        capacity.Candidates[5].Label.Should().Be("hardware.accelerator = h200, hardware.tp = 1, batching.max_batched_tokens = 4096 tok");
    }

    [Fact]
    public void A_candidate_compiles_with_its_accelerator_its_numbers_and_a_probe_rate()
    {
        var capacity = ExperimentCompiler.Compile(Source, _ => null).Plan!.Capacity!;
        var compiled = ExperimentCompiler.CompileCandidate(Source, capacity.Candidates[7], 9, _ => null);
        compiled.Success.Should().BeTrue();
        var plan = compiled.Plan!;
        var pool = plan.Execution.Deployment.Pools.Single();
        pool.Accelerator.Name.Should().Be("h200");
        pool.TensorParallel.Should().Be(2);
        plan.Execution.Batching.MaxBatchedTokens.Should().Be(4096);
        ((PoissonArrivals)plan.Benchmark.Workload.Arrivals).Rate.Should().Be(9);
        pool.Accelerator.Price!.UsdPerHour.Should().Be(3.5);
        pool.Accelerator.Price.Source.Should().Be("declared in accelerator `h200`");
    }

    [Fact]
    public void The_experiment_as_written_keeps_its_own_accelerator_and_the_catalogue_price()
    {
        var plan = ExperimentCompiler.Compile(Source, _ => null).Plan!;
        var accelerator = plan.Execution.Deployment.Pools.Single().Accelerator;
        accelerator.Name.Should().Be("h100-sxm");
        accelerator.Price!.UsdPerHour.Should().Be(49.24 / 8);
        accelerator.Price.Source.Should().Contain("CoreWeave").And.Contain("February 2026");
    }

    [Fact]
    public void A_candidate_that_does_not_divide_the_heads_fails_with_the_compiler_s_diagnostic()
    {
        var text = Text.Replace("hardware.tp = [1, 2]", "hardware.tp = [1, 3]", StringComparison.Ordinal);
        var source = new SourceText("plan.pipe", text);
        var capacity = ExperimentCompiler.Compile(source, _ => null).Plan!.Capacity!;
        var compiled = ExperimentCompiler.CompileCandidate(source, capacity.Candidates[2], null, _ => null);
        compiled.Success.Should().BeFalse();
        compiled.Errors.Select(d => d.Code).Should().Contain("PL0303");
    }
}
