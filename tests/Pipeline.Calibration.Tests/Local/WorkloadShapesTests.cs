using Pipeline.Calibration.Local;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Calibration.Tests.Local;

public sealed class WorkloadShapesTests
{
    private static ExperimentPlan Compile(string model, string batching, string workload)
    {
        var text = $$"""
            experiment own {
              model m { {{model}} }
              hardware { accelerator = local(cpu) }
              batching { {{batching}} }
              workload { {{workload}} }
              benchmark { scenario = server  mode = execute  min_queries = 10  seed = 3 }
            }
            """;
        var result = ExperimentCompiler.Compile(new SourceText("own.pipe", text), _ => null);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Plan!;
    }

    private const string Tiny = "layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32  weights = random(seed: 7)";

    [Fact]
    public void An_experiments_shapes_are_its_model_at_its_prompt_and_context_percentiles_and_batches_up_to_its_max_batch()
    {
        var plan = Compile(Tiny, "policy = continuous  max_batch = 8",
            "arrivals = poisson(rate: 8 req/s)  prompt = uniform(16 tok, 48 tok)  output = fixed(8 tok)  requests = 500  seed = 1");

        var shapes = LocalShapes.For(plan);

        shapes.Should().OnlyContain(s => s.Model == plan.Execution.Model.Architecture && s.ModelName == "m");
        var prefills = shapes.Where(s => !s.IsDecode && s.Sequences == 1).Select(s => s.NewTokens).ToArray();
        prefills.Should().HaveCount(5).And.BeInAscendingOrder().And.OnlyContain(p => p >= 16 && p <= 48);
        prefills[0].Should().BeLessThan(24, "the 10th percentile of uniform(16, 48)").And.BeGreaterThan(16);
        prefills[^1].Should().BeGreaterThan(40, "the 90th percentile").And.BeLessThan(48);
        shapes.Where(s => !s.IsDecode && s.Sequences == 2).Should().ContainSingle("two median prompts in one step");
        var decodes = shapes.Where(s => s.IsDecode).ToArray();
        decodes.Select(s => s.Sequences).Distinct().Should().Equal([1, 2, 4, 8]);
        // Mid-output contexts: a prompt plus half of the 8 output tokens.
        decodes.Should().OnlyContain(s => s.Cached >= 20 && s.Cached <= 52);
        decodes.Select(s => s.Cached).Distinct().Should().HaveCount(3);
    }

    [Fact]
    public void Shapes_stay_inside_the_measuring_engines_cache()
    {
        var plan = Compile(Tiny.Replace("context = 512 tok", "context = 4096 tok", StringComparison.Ordinal), "policy = continuous  max_batch = 256",
            "prompt = uniform(600 tok, 3000 tok)  output = fixed(100 tok)  requests = 50  seed = 1");

        var shapes = LocalShapes.For(plan);

        shapes.Should().OnlyContain(s => s.Sequences <= EngineStepTimes.MaxSequences && s.Cached + s.NewTokens <= EngineStepTimes.MaxTokens);
        shapes.Where(s => s.IsDecode).Max(s => s.Sequences).Should().Be(32, "batches double up to the cache's 32 sequences");
    }

    [Fact]
    public void A_model_of_two_tokens_gets_shapes_that_fit_its_context()
    {
        var plan = Compile(Tiny.Replace("context = 512 tok", "context = 2 tok", StringComparison.Ordinal), "policy = continuous  max_batch = 2",
            "prompt = fixed(1 tok)  output = fixed(1 tok)  requests = 4  seed = 1");

        var shapes = LocalShapes.For(plan);

        shapes.Should().NotBeEmpty().And.OnlyContain(s => s.Cached + s.NewTokens <= 2);
    }

    [Fact]
    public void A_dataset_workloads_shapes_are_its_own_prompts_read_beside_its_file()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Pipeline.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory.FullName, "examples", "dataset-prompts.pipe");
        var compiled = ExperimentCompiler.Compile(SourceText.FromFile(path));
        compiled.Success.Should().BeTrue();

        var shapes = LocalShapes.For(compiled.Plan!, Path.GetDirectoryName(path));

        // Its eight prompts run from tens of bytes to a couple of hundred, at 4 bytes a token: none reaches the fixed grid's 64-token prefills.
        shapes.Should().NotBeSameAs(LocalShapes.TinyOnly);
        shapes.Where(s => !s.IsDecode).Should().OnlyContain(s => s.NewTokens < 64);
    }
}
