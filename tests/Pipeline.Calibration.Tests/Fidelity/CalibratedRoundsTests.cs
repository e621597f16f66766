using Pipeline.Calibration.Fidelity;
using Pipeline.Core.Text;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class CalibratedRoundsTests
{
    private const string Experiment = """
        experiment paired {
          model tiny {
            layers = 2
            hidden = 64
            heads = 4
            kv_heads = 2
            ffn = 172
            vocab = 256
            context = 512 tok
            rope_theta = 10000
            norm_eps = 1e-5
            dtype = f32
            weights = random(seed: 7)
          }
          hardware { accelerator = local(cpu) }
          batching {
            policy = continuous
            max_batch = 4
            max_batched_tokens = 256 tok
            kv_block = 16 tok
          }
          workload {
            arrivals = poisson(rate: 50 req/s)
            prompt = uniform(8 tok, 24 tok)
            output = fixed(4 tok)
            requests = 12
            seed = 3
          }
          benchmark {
            scenario = server
            mode = execute
            min_queries = 12
          }
        }
        """;

    // A calibration whose every round declares a larger fixed cost per step: round r adds r ms to each step.
    private static string Calibration(int round) =>
        $"accelerator this-machine {{\n  base = local(cpu)\n  cost {{\n    step_overhead = {round * 1000} us\n  }}\n}}\n";

    [Fact]
    public void Each_round_calibrates_first_and_its_simulate_twin_uses_that_rounds_calibration()
    {
        var path = Path.Combine(Path.GetTempPath(), "paired.pipe");
        var calls = 0;
        var calibratedFor = new List<string>();

        var (rows, diagnostics, problem) = ExecuteFidelity.RunCalibrated(
            new SourceText(path, Experiment), plan => { calibratedFor.Add(plan.Name); return Calibration(++calls); }, "this-machine", _ => null, rounds: 2);

        problem.Should().BeNull(string.Join("\n", diagnostics.Select(d => d.Message)));
        calls.Should().Be(2);
        calibratedFor.Should().Equal(["paired", "paired"], "the calibrator is handed the compiled experiment, so it can measure its shapes");
        var tpot = rows!.Single(r => r.Metric == "mean TPOT");
        tpot.Measured.Should().HaveCount(2).And.OnlyContain(m => m > 0);
        // Three decode steps per request: round 2's step costs 1 ms more than round 1's, so its TPOT does too.
        (tpot.Simulated[1] - tpot.Simulated[0]).Should().BeApproximately(1e-3, 0.2e-3);
        rows!.Select(r => r.Metric).Should().Contain(["mean TTFT", "median TTFT", "p99 TTFT", "mean TPOT", "median TPOT", "p99 TPOT", "output tok/s"]);
    }

    [Fact]
    public void A_simulate_experiment_is_refused_before_any_calibration()
    {
        var calls = 0;
        var simulate = Experiment.Replace("mode = execute", "mode = simulate", StringComparison.Ordinal);

        var (rows, _, problem) = ExecuteFidelity.RunCalibrated(
            new SourceText(Path.Combine(Path.GetTempPath(), "s.pipe"), simulate), _ => Calibration(++calls), "this-machine", _ => null);

        rows.Should().BeNull();
        problem.Should().Contain("not an execute experiment");
        calls.Should().Be(0);
    }
}
