using Pipeline.Acceptance.Bridge;
using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Tests.Bridge;
using Pipeline.Plans;

namespace Pipeline.Acceptance.Tests.StepLibrary;

/// <summary><c>Given its ...</c> changes edit the experiment's text and recompile it; they never patch a compiled plan.</summary>
public sealed class ExperimentDriverTests
{
    private const string Text = """
        experiment t {
          model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
          batching { policy = continuous  max_batch = 8 }
          workload { arrivals = poisson(rate: 2 req/s)  prompt = fixed(16 tok)  output = fixed(8 tok)  duration = 10 s }
        }
        """;

    private static ExperimentDriver Driver()
    {
        var driver = new ExperimentDriver(new PathResolver(RepositoryRoot.Combine("features/batching")), new CurrentStep());
        driver.LoadText(Text, RepositoryRoot.Combine("features/batching/inline.feature"), firstLine: 1, indent: 0);
        return driver;
    }

    [Fact]
    public void A_setting_written_in_the_file_is_replaced_and_one_not_written_is_added()
    {
        var driver = Driver();
        driver.Set("batching", "policy", "chunked");
        driver.Set("batching", "max_batched_tokens", "64 tok");

        var batching = driver.Plan().Execution.Batching;

        (batching.Policy, batching.MaxBatch, batching.MaxBatchedTokens).Should().Be((BatchingPolicy.Chunked, 8, 64));
    }

    [Fact]
    public void A_block_not_written_is_added_and_a_removed_setting_takes_its_default()
    {
        var driver = Driver();
        driver.Remove("workload", "duration");
        driver.Set("workload", "requests", "5");
        driver.Set("benchmark", "seed", "42");

        var plan = driver.Plan();

        (plan.Benchmark.Workload.Requests, plan.Benchmark.Workload.Duration).Should().Be((5, (double?)null));
        plan.Benchmark.Seed.Should().Be(42);
    }

    [Fact]
    public void Phase_costs_follow_a_changed_setting_because_the_plan_is_recompiled()
    {
        var driver = Driver();
        var before = driver.Plan().Execution.Costs.Prefill.Flops;
        driver.Set("workload", "prompt", "fixed(64 tok)");

        driver.Plan().Execution.Costs.Prefill.Flops.Should().BeGreaterThan(3 * before, "the reference prompt grew from 16 to 64 tokens");
    }

    [Fact]
    public void A_change_the_compiler_rejects_fails_with_its_diagnostic_and_the_changes_made()
    {
        var driver = Driver();
        driver.Set("workload", "requests", "5"); // requests and duration together: PL0401

        var act = () => driver.Plan();

        act.Should().Throw<InvalidOperationException>().WithMessage("*PL0401*").WithMessage("*workload: requests = 5*");
    }
}
