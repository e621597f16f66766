using System.Text.Json;
using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class SweepReportTests(SweepReportTests.SweptExperiment sweep) : IClassFixture<SweepReportTests.SweptExperiment>
{
    private const string Sweep = """
        experiment small-sweep {
          model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
          hardware { accelerator = h100-sxm }
          workload { arrivals = poisson(rate: 2 req/s)  prompt = fixed(16 tok)  output = fixed(4 tok)  requests = 12  seed = 5 }
          slo { ttft p99 <= 500 ms   tpot p99 <= 150 ms }
          benchmark { scenario = server  mode = simulate }
          sweep {
            workload.arrivals.rate = [2 req/s, 8 req/s]
            batching.max_batch = [2, 8]
          }
        }
        """;

    private readonly TempFolder _folder = sweep.Folder;

    [Fact]
    public void Sweep_csv_has_a_column_per_swept_setting_and_one_row_per_cell_with_its_values_and_seed()
    {
        var lines = File.ReadAllLines(_folder.File(ReportFiles.Sweep));

        lines[0].Should().StartWith("cell,workload.arrivals.rate,batching.max_batch,seed,offered_rate_rps,");
        lines.Should().HaveCount(1 + 4);
        // First axis slowest: (2, 2), (2, 8), (8, 2), (8, 8); every cell ran with the file's seed.
        lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(5))).Should().Equal("0,2,2,5,2", "1,2,8,5,2", "2,8,2,5,8", "3,8,8,5,8");
        lines.Skip(1).Select(l => int.Parse(l.Split(',')[5])).Should().OnlyContain(completed => completed == 12);
    }

    [Fact]
    public void Each_cells_result_json_records_its_swept_values_and_seed()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, "run-2", ReportFiles.Result)));
        var root = json.RootElement;

        root.GetProperty("seed").GetInt32().Should().Be(5);
        root.GetProperty("sweep_cell").GetInt32().Should().Be(2);
        root.GetProperty("swept").GetProperty("workload.arrivals.rate").GetDouble().Should().Be(8);
        root.GetProperty("swept").GetProperty("batching.max_batch").GetDouble().Should().Be(2);
    }

    [Theory]
    [InlineData("throughput-vs-ttft")]
    [InlineData("throughput-vs-tpot")]
    [InlineData("goodput-vs-load")]
    public void Each_sweep_chart_is_a_non_empty_png_and_a_valid_svg(string name)
    {

        ChartTests.AssertPng(_folder.File(name + ".png"));
        ChartTests.AssertSvg(_folder.File(name + ".svg"));
    }

    [Fact]
    public void The_sweep_page_has_a_row_per_cell_and_links_each_cells_page()
    {
        var html = File.ReadAllText(_folder.File(ReportFiles.Html));

        html.Should().Contain("<table id=\"cells\">").And.Contain("Pareto front");
        for (var cell = 0; cell < 4; cell++) html.Should().Contain($"<a href=\"run-{cell}/report.html\">");
        Directory.GetDirectories(_folder.Path).Select(Path.GetFileName).Order().Should().Equal("run-0", "run-1", "run-2", "run-3");
    }

    /// <summary>The sweep run once for the class, as <c>pipeline run FILE --out DIR</c> runs it.</summary>
    public sealed class SweptExperiment : IDisposable
    {
        public SweptExperiment()
        {
            var runs = HandBuilt.Compile(Sweep).Runs;
            var reports = new ExperimentReports(Folder.Path, runs, seedOverride: null);
            for (var index = 0; index < runs.Count; index++)
            {
                using var reporter = reports.Start(index);
                var result = ExperimentRunner.Run(runs[index], new RunOptions(Observers: [reporter], KeepTimelines: false));
                result.Succeeded.Should().BeTrue();
                reports.Complete(index, reporter, result);
            }
            reports.CompleteSweep().Should().Be(Folder.File(ReportFiles.Html));
        }

        internal TempFolder Folder { get; } = new();

        public void Dispose() => Folder.Dispose();
    }
}
