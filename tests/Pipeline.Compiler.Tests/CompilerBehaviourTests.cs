using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Tests;

public sealed class CompilerBehaviourTests
{
    private const string Tiny = "model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }";

    private static CompilationResult Compile(string body) =>
        ExperimentCompiler.Compile(new SourceText("t.pipe", "experiment t {\n  " + Tiny + "\n" + body + "\n}\n"), _ => null);

    [Fact]
    public void Each_sweep_run_has_its_axis_values_applied_and_names_its_matrix()
    {
        var result = Compile("workload { arrivals = poisson(rate: 1 req/s)  prompt = fixed(8 tok)  output = fixed(8 tok) }\n"
            + "sweep { workload.arrivals.rate = 1 req/s .. 3 req/s step 1 req/s  batching.max_batch = [2, 4] }");
        result.Success.Should().BeTrue();
        result.Plan!.Benchmark.Sweep!.Runs.Should().HaveCount(6);
        result.Runs.Select(r => ((PoissonArrivals)r.Benchmark.Workload.Arrivals).Rate).Should().Equal(1, 1, 2, 2, 3, 3);
        result.Runs.Select(r => r.Execution.Batching.MaxBatch).Should().Equal(2, 4, 2, 4, 2, 4);
        result.Runs.Should().OnlyContain(r => r.Benchmark.Sweep == result.Plan.Benchmark.Sweep);
    }

    [Fact]
    public void Sweeping_the_default_poisson_rate_applies_each_value()
    {
        var result = Compile("workload { prompt = fixed(8 tok)  output = fixed(8 tok) }\nsweep { workload.arrivals.rate = [2 req/s, 5 req/s] }");
        result.Success.Should().BeTrue();
        result.Runs.Select(r => r.Benchmark.Workload.Arrivals).Should().Equal(new PoissonArrivals(2), new PoissonArrivals(5));
    }

    [Fact]
    public void A_cell_compiles_with_its_settings_replaced_and_the_sweep_left_unexpanded()
    {
        var text = "experiment t {\n  " + Tiny + "\n  workload { arrivals = poisson(rate: 1 req/s)  prompt = fixed(8 tok)  output = fixed(8 tok) }\n"
            + "  slo { ttft p99 <= 1 s }\n  benchmark { search = peak_rate(tolerance: 1.5%) }\n  sweep { batching.max_batch = [2, 4] }\n}\n";
        var cell = ExperimentCompiler.CompileCell(new SourceText("t.pipe", text),
            [new("batching.max_batch", 4), new("workload.arrivals.rate", 7.5)], _ => null);
        cell.Success.Should().BeTrue(string.Join("\n", cell.Diagnostics));
        cell.Runs.Should().Equal(cell.Plan!);
        cell.Plan!.Execution.Batching.MaxBatch.Should().Be(4);
        cell.Plan.Benchmark.Workload.Arrivals.Should().Be(new PoissonArrivals(7.5));
        cell.Plan.Benchmark.Search!.Tolerance.Should().BeApproximately(0.015, 1e-15);
        cell.Plan.Benchmark.Sweep.Should().BeNull();
        var bad = ExperimentCompiler.CompileCell(new SourceText("t.pipe", text), [new("workload.arrivals.rate", -1)], _ => null);
        bad.Success.Should().BeFalse();
        bad.Errors.Single().Code.Should().Be("PL0206");
    }

    [Fact]
    public void Without_a_sweep_the_runs_are_just_the_plan()
    {
        var result = Compile("");
        result.Runs.Should().Equal(result.Plan!);
    }

    [Fact]
    public void Units_are_converted_to_base_units()
    {
        var result = Compile("batching { policy = static  max_wait = 250 ms }\nworkload { arrivals = interval(period: 500 us)  prompt = fixed(8 tok)  output = fixed(8 tok)  duration = 2 min }");
        result.Plan!.Execution.Batching.MaxWait.Should().Be(0.25);
        ((FixedIntervalArrivals)result.Plan.Benchmark.Workload.Arrivals).Interval.Should().BeApproximately(500e-6, 1e-15);
        result.Plan.Benchmark.Workload.Duration.Should().Be(120);
        result.Plan.Benchmark.Workload.Requests.Should().BeNull();
    }

    [Fact]
    public void Several_errors_are_all_reported_in_source_order()
    {
        var result = Compile("batching { max_btch = 8  policy = statc }\nworkload { requests = 0 }\nslo { ttft p99 <= 2 }");
        result.Success.Should().BeFalse();
        result.Plan.Should().BeNull();
        result.Runs.Should().BeEmpty();
        result.Diagnostics.Select(d => d.Code).Should().Equal("PL0101", "PL0111", "PL0206", "PL0202");
    }

    [Fact]
    public void Unknown_names_come_with_a_suggestion()
    {
        var diagnostic = Compile("batching { max_btch = 8 }").Diagnostics.Single();
        diagnostic.Hint.Should().Be("did you mean `max_batch`?");
        DiagnosticRenderer.Render(diagnostic).Should().Be(
            "t.pipe:3:12: error PL0101: unknown setting `max_btch` in batching\n"
            + " 3 | batching { max_btch = 8 }\n"
            + "   |            ^^^^^^^^\n"
            + "   = hint: did you mean `max_batch`?\n");
    }

    [Fact]
    public void Memory_fit_names_the_sizes_and_suggests_a_tensor_parallel_degree()
    {
        var source = new SourceText("t.pipe", "experiment t {\n  model llama-2-70b\n  hardware { accelerator = h100-sxm }\n}\n");
        var diagnostic = ExperimentCompiler.Compile(source, _ => null).Diagnostics.Single();
        diagnostic.Code.Should().Be("PL0305");
        diagnostic.Message.Should().Contain("weights 138 GB").And.Contain("4096-token sequence").And.Contain("1 x 85.5 GB", "81,559 MiB of an H100");
        diagnostic.Hint.Should().StartWith("try tp = 2");
    }

    [Fact]
    public void Memory_fit_suggests_pipeline_stages_when_tensor_parallelism_is_exhausted()
    {
        // 70B in bf16 on 16 GB parts: tp 8 (the most 8 KV heads allow) leaves 17.25 GB of weights per part, over the
        // 14.4 GB usable; two stages of 40 layers hold 8.6 GB each.
        var source = new SourceText("t.pipe", "experiment t {\n  model llama-2-70b\n  hardware { accelerator = small  tp = 8 }\n}\n"
            + "accelerator small { base = h100-sxm  memory = 16 GB }\n");
        var diagnostic = ExperimentCompiler.Compile(source, _ => null).Diagnostics.Single();
        diagnostic.Code.Should().Be("PL0305");
        diagnostic.Hint.Should().StartWith("try pp = 2");
        var staged = new SourceText("t.pipe", "experiment t {\n  model llama-2-70b\n  hardware { accelerator = small  tp = 8  pp = 2 }\n"
            + "  benchmark { mode = simulate }\n}\naccelerator small { base = h100-sxm  memory = 16 GB }\n");
        var result = ExperimentCompiler.Compile(staged, _ => null);
        result.Diagnostics.Should().BeEmpty();
        result.Plan!.Execution.Deployment.Pools[0].PipelineParallel.Should().Be(2);
    }

    [Fact]
    public void Mlperf_limits_come_from_the_catalogue()
    {
        var source = new SourceText("t.pipe", "experiment t {\n  model llama-2-70b\n  hardware { accelerator = h100-sxm  tp = 8 }\n  slo = mlperf(server)\n}\n");
        var slo = ExperimentCompiler.Compile(source, _ => null).Plan!.Benchmark.Slo;
        slo.Limits.Select(l => (l.Metric, l.Limit, l.Origin)).Should().Equal(
            (LatencyMetric.Ttft, 2.0, SloOrigin.MlperfDefault), (LatencyMetric.Tpot, 0.2, SloOrigin.MlperfDefault));
    }

    [Fact]
    public void Datasheet_accelerators_default_to_simulate_and_local_ones_to_execute()
    {
        Compile("").Plan!.Benchmark.Mode.Should().Be(BenchmarkMode.Execute);
        Compile("hardware { accelerator = h100-sxm }").Plan!.Benchmark.Mode.Should().Be(BenchmarkMode.Simulate);
    }

    [Fact]
    public void Compile_file_reads_imports_from_disk()
    {
        var result = ExperimentCompiler.CompileFile(TestFiles.Full("examples/batching-static.pipe"));
        result.Success.Should().BeTrue();
        result.Plan!.Execution.Model.Name.Should().Be("tiny-llama");
    }

    /// <summary>The architecture of <c>spec/conformance/models/tiny.gguf</c>.</summary>
    private const string TinyGguf = "layers = 1  hidden = 32  heads = 2  kv_heads = 1  ffn = 64  vocab = 64  context = 512 tok  dtype = f16 ";

    [Fact]
    public void Gguf_and_trace_paths_are_relative_to_the_file()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "a.csv"), "0,10,10\n");
        File.Copy(TestFiles.Full("spec/conformance/models/tiny.gguf"), Path.Combine(directory, "w.gguf"));
        var source = new SourceText(Path.Combine(directory, "t.pipe"), "experiment t {\n  model tiny { " + TinyGguf + " weights = gguf(\"w.gguf\") }\n  hardware { accelerator = h100-sxm }\n  workload { arrivals = trace(\"a.csv\") }\n}\n");
        var plan = ExperimentCompiler.Compile(source).Plan!;
        plan.Execution.Model.Weights.Should().Be(new GgufWeights(Path.Combine(directory, "w.gguf")));
        plan.Benchmark.Workload.Arrivals.Should().BeOfType<TraceArrivals>().Which.Path.Should().Be(Path.Combine(directory, "a.csv"));
    }

    [Fact]
    public void A_trace_is_read_through_the_compilers_reader_and_one_it_was_not_given_is_located()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "a.csv"), "0,10,10\n");
        var source = new SourceText(Path.Combine(directory, "t.pipe"), "experiment t {\n  model tiny { " + TinyGguf + " }\n  hardware { accelerator = h100-sxm }\n  workload { arrivals = trace(\"a.csv\") }\n}\n");

        // The reader's text wins over the disk's (a cell's files), and a reader without the file does not fall back to the disk.
        var given = ExperimentCompiler.Compile(source, path => path == Path.Combine(directory, "a.csv") ? "0,10,10\n0.5,20,5\n" : null);
        given.Plan!.Benchmark.Workload.Arrivals.Should().BeOfType<TraceArrivals>().Which.Records!.Select(r => r.PromptTokens).Should().Equal(10, 20);
        var diagnostic = ExperimentCompiler.Compile(source, _ => null).Diagnostics.Single();
        (diagnostic.Code, diagnostic.Location.Line).Should().Be(("PL0415", 4));
        diagnostic.Message.Should().Contain("is not among the files the compiler was given");
    }

    [Theory]
    [InlineData("5 msec", "ms")]
    [InlineData("5 seconds", "s")]
    [InlineData("5 MS", "ms")]
    public void Unknown_units_suggest_the_unit_meant(string value, string suggestion)
    {
        var diagnostic = Compile($"batching {{ policy = static  max_wait = {value}\n}}").Diagnostics.Single();
        diagnostic.Code.Should().Be("PL0204");
        diagnostic.Hint.Should().Be($"did you mean `{suggestion}`?");
    }

    [Fact]
    public void A_sweep_cell_that_breaks_a_check_is_reported_with_its_values()
    {
        var result = Compile("sweep { model.heads = [4, 3] }");
        result.Success.Should().BeFalse();
        result.Diagnostics.Select(d => d.Message).Should().ContainSingle(m => m.StartsWith("in sweep run 1 (model.heads = 3)") && m.Contains("heads (3) must divide hidden (64)"));
    }

    [Fact]
    public void Absurd_sizes_are_out_of_range_not_overflows()
    {
        var source = new SourceText("t.pipe", "experiment t {\n  model huge { layers = 1073741824  hidden = 1073741824  heads = 1  ffn = 1  vocab = 1  context = 2 tok  dtype = f32 }\n  batching { kv_block = 2147483647 tok }\n  hardware { accelerator = h100-sxm }\n}\n");
        var result = ExperimentCompiler.Compile(source, _ => null);
        result.Diagnostics.Select(d => d.Code).Should().Equal("PL0207", "PL0207", "PL0207");
        result.Diagnostics[0].Message.Should().Contain("outside [1, 1024]");
    }

    [Fact]
    public void Kv_blocks_caps_the_blocks_of_every_worker_below_what_memory_holds()
    {
        var roomy = Compile("hardware { accelerator = local(cpu) }").Plan!.Execution.Deployment.Pools[0].KvCache;
        var tight = Compile("hardware { accelerator = local(cpu) }\nbatching { kv_blocks = 12 }").Plan!.Execution.Deployment.Pools[0].KvCache;
        var above = Compile($"hardware {{ accelerator = local(cpu) }}\nbatching {{ kv_blocks = {roomy.BlocksPerWorker + 1} }}").Plan!;

        roomy.BlocksPerWorker.Should().BeGreaterThan(12);
        tight.Should().Be(roomy with { BlocksPerWorker = 12 });
        above.Execution.Deployment.Pools[0].KvCache.BlocksPerWorker.Should().Be(roomy.BlocksPerWorker, "a cap above what memory holds changes nothing");
    }

    [Fact]
    public void Kv_blocks_must_be_a_positive_count()
    {
        var result = Compile("batching { kv_blocks = 0 }");
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("kv_blocks");
    }

    [Fact]
    public void An_unterminated_string_is_reported_alone_without_the_errors_it_causes()
    {
        var result = ExperimentCompiler.Compile(new SourceText("t.pipe",
            "experiment t {\n  " + Tiny + "\n  workload { arrivals = trace(\"a.csv)  requests = 5 }\n  benchmark { seed = 1 }\n}\n"), _ => null);

        result.Diagnostics.Select(d => (d.Code, d.Location.Line)).Should().Equal(("PL0002", 3));
    }

    [Fact]
    public void An_independent_error_before_an_unterminated_string_is_still_reported_first()
    {
        var result = ExperimentCompiler.Compile(new SourceText("t.pipe",
            "experiment t {\n  = 3\n  " + Tiny + "\n  workload { arrivals = trace(\"a.csv) }\n}\n"), _ => null);

        result.Diagnostics.Select(d => d.Code).Should().Equal("PL0001", "PL0002");
    }
}

