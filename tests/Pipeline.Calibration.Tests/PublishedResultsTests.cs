using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;
using Pipeline.Compiler;
using Pipeline.Core.Text;

namespace Pipeline.Calibration.Tests;

public sealed class PublishedResultsTests
{
    private static PublishedResult Row(string accelerator, string precision = "fp8", int? tp = 1, int? batch = 806, string software = "TensorRT") =>
        new(2, "v4.1", "NVIDIA", "system", accelerator, 8, "Offline", 1000, null, null, 100, precision, tp, batch, software);

    [Fact]
    public void Both_calibration_tables_read_every_row_by_column_name()
    {
        var (curated, errors) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        errors.Should().BeEmpty();
        curated.Should().HaveCount(40);
        curated[0].Should().Match<PublishedResult>(r => r.Line == 2 && r.Accelerators == 8 && r.IsOffline && r.TensorParallel == 1 && r.MaxBatch == 806);
        curated.Where(r => !r.IsOffline).Should().OnlyContain(r => r.TpotP99 > 0.1 && r.TpotP99 < 0.2 && r.TargetQps > 0);

        var (all, allErrors) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.1-all-closed.tsv")));
        allErrors.Should().BeEmpty();
        all.Should().HaveCount(148).And.OnlyContain(r => r.TensorParallel == null && r.MaxBatch == null);
    }

    [Fact]
    public void A_malformed_row_is_a_located_diagnostic_and_a_missing_column_is_named()
    {
        var text = "round\tsubmitter\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\nv4.1\tX\tH100\t8\t1\tOffline\t100\nv4.1\tX\tH100\teight\t1\tOffline\t100\n";
        var (rows, errors) = PublishedResultsReader.Read(new SourceText("t.tsv", text));
        rows.Should().ContainSingle();
        var error = errors.Should().ContainSingle().Subject;
        error.Message.Should().Contain("row 3");
        error.Source.GetLocation(error.Span.Start).Line.Should().Be(3);

        var (_, missing) = PublishedResultsReader.Read(new SourceText("t.tsv", "round\tsubmitter\n"));
        missing.Select(e => e.Message).Should().Contain(m => m.Contains("`tokens_per_s`"));
    }

    [Theory]
    [InlineData("target_qps", "about 40", "`target_qps` is `about 40`")] // read as "not published" before
    [InlineData("target_qps", "NaN", "`target_qps` is `NaN`")]
    [InlineData("target_qps", "0.0", "`target_qps` is `0.0`")]
    [InlineData("tpot_p99_ms", "-1", "`tpot_p99_ms` is `-1`")]
    [InlineData("scenario", "Sever", "`scenario` is `Sever`, not Offline or Server")]
    [InlineData("tp", "two", "`tp` is `two`")]
    [InlineData("nodes", "100000", "100,000 accelerators")]
    public void A_cell_that_is_no_figure_is_a_diagnostic_at_the_cell(string column, string value, string message)
    {
        var header = new[] { "round", "submitter", "accelerator", "accelerators_per_node", "nodes", "scenario", "tokens_per_s", "tpot_p99_ms", "target_qps", "tp" };
        var cells = new[] { "v4.1", "X", "H100", "1", "1", "Server", "100", "150", "40", "unconfirmed" };
        cells[Array.IndexOf(header, column)] = value;
        var text = string.Join('\t', header) + "\n" + string.Join('\t', cells) + "\n";

        var (rows, errors) = PublishedResultsReader.Read(new SourceText("t.tsv", text));

        rows.Should().BeEmpty("a row with a bad cell is not read at all");
        var error = errors.Should().ContainSingle().Subject;
        error.Message.Should().Contain(message);
        var location = error.Source.GetLocation(error.Span.Start);
        location.Line.Should().Be(2);
        location.Column.Should().Be(text.Split('\n')[1].IndexOf(value, StringComparison.Ordinal) + 1, "the caret is under the cell");
    }

    [Fact]
    public void A_header_naming_a_column_twice_or_a_table_of_no_rows_is_a_diagnostic()
    {
        var header = "round\tsubmitter\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s";
        var (_, twice) = PublishedResultsReader.Read(new SourceText("t.tsv", header + "\tscenario\nv4.1\tX\tH100\t1\t1\tServer\t100\tOffline\n"));
        twice.Should().ContainSingle().Which.Message.Should().Contain("names `scenario` twice");

        var (_, none) = PublishedResultsReader.Read(new SourceText("t.tsv", header + "\n"));
        none.Should().ContainSingle().Which.Message.Should().Contain("no rows");
    }

    [Fact]
    public void A_row_whose_simulated_experiment_does_not_compile_is_a_diagnostic_at_its_line()
    {
        var text = "round\tsubmitter\tsystem\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\ttpot_p99_ms\ttarget_qps\tprecision\ttp\tmax_batch\tsoftware\n"
            + "v4.1\tNVIDIA\tH100\tNVIDIA H100-SXM-80GB\t8\t1\tServer\t20000\t150\t1e9\tfp8\t1\t806\tTensorRT\n";
        var table = new SourceText("t.tsv", text);
        var (rows, errors) = PublishedResultsReader.Read(table);
        errors.Should().BeEmpty();

        var problems = PublishedRowChecks.Compile(table, ResultsFidelity.Experiments(rows, MlperfWorkload.Assumed));

        var problem = problems.Should().ContainSingle().Subject;
        problem.Message.Should().Contain("row 2").And.Contain("10,000,000 requests");
        problem.Source.GetLocation(problem.Span.Start).Line.Should().Be(2);
    }

    [Theory]
    [InlineData("NVIDIA GH200 Grace Hopper Superchip 144GB", "gh200", null)]
    [InlineData("NVIDIA H200-SXM-141GB-CTS", "h200", 1000.0)]
    [InlineData("NVIDIA H200-SXM-141GB", "h200", null)]
    [InlineData("NVIDIA H100 NVL 94GB", "h100-nvl", null)]
    [InlineData("NVIDIA H100-SXM-80GB", "h100-sxm", null)]
    [InlineData("AMD Instinct MI300X-NPS1-SPX-192GB-750W", "mi300x", null)]
    public void Published_accelerators_map_to_the_catalogue_with_their_power(string published, string accelerator, double? power)
    {
        var (system, reason) = PublishedSystems.Map(Row(published));
        reason.Should().BeNull();
        system!.Accelerator.Should().Be(accelerator);
        system.Power.Should().Be(power);
    }

    [Fact]
    public void Rows_the_simulator_cannot_express_are_refused_with_the_reason()
    {
        PublishedSystems.Map(Row("Intel Gaudi 2 (96 GB HBM2E)")).Reason.Should().Contain("no accelerator");
        PublishedSystems.Map(Row("NVIDIA B200-SXM-180GB", precision: "unconfirmed")).Reason.Should().Contain("precision");
        PublishedSystems.Map(Row("NVIDIA H100-SXM-80GB", tp: null)).Reason.Should().Contain("not published");
        PublishedSystems.Map(Row("NVIDIA H100-SXM-80GB", tp: 3)).Reason.Should().Contain("TP3");
    }

    [Fact]
    public void Fp4_rows_run_fp4_weights_with_an_fp8_cache_on_blackwell_only()
    {
        var (b200, reason) = PublishedSystems.Map(Row("NVIDIA B200-SXM-180GB", precision: "fp4 (assumed)"));
        reason.Should().BeNull();
        b200!.Weights.Should().Be("fp4");
        RowExperiment.Text(Row("NVIDIA B200-SXM-180GB", precision: "fp4 (assumed)"), b200, MlperfWorkload.Assumed, [])
            .Should().Contain("dtype = fp4  kv_dtype = fp8");
        PublishedSystems.Map(Row("NVIDIA B200-SXM-180GB", precision: "fp8 (assumed)")).System!.Weights.Should().Be("fp8");
        PublishedSystems.Map(Row("NVIDIA H100-SXM-80GB", precision: "fp4")).Reason.Should().Be("h100-sxm has no fp4 rate");
    }

    [Fact]
    public void Server_means_join_the_curated_rows_by_round_submitter_scenario_and_system_id()
    {
        var (curated, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        var (all, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.1-all-closed.tsv")));
        var joined = PublishedMeans.Join(curated, all);

        // Line 3, NVIDIA [H200-SXM-141GBx8_TRT]: the summary's mean TPOT 123.263268 ms, mean TTFT 198.269106 ms.
        var h200 = joined.Single(r => r.Line == 3);
        h200.TpotMean.Should().BeApproximately(0.123263268, 1e-12);
        h200.TtftMean.Should().BeApproximately(0.198269106, 1e-12);
        // HPE's H100 [HPE_Cray_XD670_H100_SXM_80GBx8_TRT]: its 99% run (23,132.81 tok/s as the curated row) has
        // 126.986837 ms; its 99.9% run (23,144.02 tok/s) 122.538333 ms; NVIDIA's DGX H100 154.960329 ms.
        joined.Single(r => r.Line == 25).TpotMean.Should().BeApproximately(0.126986837, 1e-12);
        // NVIDIA's DGX H100 (line 7) takes its summary's 74.42 completed queries/s too. Its summary also prints a mean
        // latency the tables do not carry, 44.954547225 s: Little's law on it gives 74.42 x 44.95 = 3,345.5 queries in
        // flight, which the estimate from the means (TTFT + TPOT x (tokens per query - 1)) must come within 1% of.
        var h100 = joined.Single(r => r.Line == 7);
        h100.SamplesPerSecond.Should().Be(74.42);
        h100.MeanInFlight.Should().BeApproximately(74.42 * 44.954547225, 74.42 * 44.954547225 * 0.01);
        joined.Single(r => r.Line == 6).MeanInFlight.Should().BeNull("an Offline row has no latency means");
        // Offline rows and the v4.0 round (no summaries in the table) stay without means.
        joined.Where(r => r.IsOffline || r.Round == "v4.0").Should().OnlyContain(r => r.TpotMean == null && r.TtftMean == null);
        joined.Where(r => !r.IsOffline && r.Round == "v4.1" && r.Accelerator.Contains("B200") == false).Should().OnlyContain(r => r.TpotMean > 0.1);
        // A curated row whose tokens/s matches no run of its system (1% off) takes no means.
        var other = curated.Single(r => r.Line == 3) with { TokensPerSecond = 29228.22 * 1.01 };
        PublishedMeans.Join([other], all).Single().TpotMean.Should().BeNull();
        PublishedMeans.SystemId("Dell PowerEdge XE9680 (8x H200-SXM-141GB, TensorRT) [XE9680_H200_SXM_141GBx8_TRT; available]")
            .Should().Be("XE9680_H200_SXM_141GBx8_TRT");
    }

    [Fact]
    public void Every_simulable_row_of_the_calibration_table_compiles_as_its_simulated_replicas_at_their_share_of_the_rate()
    {
        var (rows, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        var simulable = rows.Select(r => (Row: r, PublishedSystems.Map(r).System)).Where(x => x.System is not null).ToArray();
        simulable.Should().HaveCount(36);
        foreach (var (row, system) in simulable)
        {
            var compiled = ExperimentCompiler.Compile(new SourceText("row.pipe", RowExperiment.Text(row, system!, MlperfWorkload.Assumed, ["step_overhead = 1 ms"])));
            compiled.Errors.Should().BeEmpty(row.Label);
            var plan = compiled.Plan!;
            // One replica for all, except where a harness gathers arrivals (AMD's Server runs), routes each query by
            // load (NVIDIA's tensor-parallel runs) or lets its GPUs take from one queue (NVIDIA's others): then all of them.
            var whole = system!.Dispatch is not null || (!row.IsOffline && !system.Stack.StartsWith("vLLM", StringComparison.Ordinal));
            plan.Execution.Deployment.Pools.Should().ContainSingle().Which.Workers.Should().Be(whole ? system.Replicas : 1, row.Label);
            (plan.Execution.Deployment.Dispatch is not null).Should().Be(system.Dispatch is not null);
            plan.Execution.Deployment.Routing.Should().Be(system.Routing is null ? Pipeline.Plans.RoutingPolicy.RoundRobin : Pipeline.Plans.RoutingPolicy.LeastRequests);
            plan.Execution.Deployment.Pools[0].Accelerator.Cost.StepOverhead.Should().Be(1e-3);
            if (!row.IsOffline)
            {
                var rate = ((Pipeline.Plans.PoissonArrivals)plan.Benchmark.Workload.Arrivals).Rate;
                (rate * system.Replicas / plan.Execution.Deployment.Pools[0].Workers).Should().BeApproximately(row.TargetQps!.Value, 1e-4);
            }
        }
    }

    [Fact]
    public void Every_simulable_server_row_of_the_calibration_table_has_its_published_run_length()
    {
        var (rows, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.tsv")));
        var server = rows.Where(r => !r.IsOffline && PublishedSystems.Map(r).System is not null).ToArray();
        server.Should().NotBeEmpty();
        server.Select(PublishedRunDurations.Of).Should().OnlyContain(seconds => seconds == 600 || seconds == 2400);
        // NVIDIA's harness set 2,400 s; AMD's ran mlperf.conf's 600 s.
        PublishedRunDurations.Of(server.First(r => r.Submitter == "NVIDIA" && r.Round == "v4.1")).Should().Be(2400);
        PublishedRunDurations.Of(server.First(r => r.Submitter == "AMD")).Should().Be(600);
    }
}
