using Pipeline.Calibration.Published;
using Pipeline.Core.Text;
using Pipeline.Serving.Workload;

namespace Pipeline.Calibration.Tests;

public sealed class MlperfWorkloadTests
{
    [Fact]
    public void The_simulated_queries_average_the_output_tokens_the_submissions_measured()
    {
        // Measured: LoadGen's tokens/s over samples/s in every v4.1 closed summary but the B200 preview (its model
        // generated 274 tokens per query); the data set is the same for all, so the spread is the models' numerics.
        var (summaries, _) = PublishedResultsReader.Read(SourceText.FromFile(SharedCalibration.Path("mlperf-llama2-70b-v4.1-all-closed.tsv")));
        var perQuery = summaries.Where(s => s.SamplesPerSecond is > 0 && !s.Accelerator.Contains("B200", StringComparison.Ordinal))
            .Select(s => s.TokensPerSecond / s.SamplesPerSecond!.Value).Order().ToArray();
        var median = (perQuery[(perQuery.Length - 1) / 2] + perQuery[perQuery.Length / 2]) / 2;

        // Simulated: the output lengths of an Offline row's compiled experiment, as the simulator draws them. One
        // accelerator at 1,000 expected queries/s: LoadGen's 660,000 queries, so the sample's mean is within ~0.3 tokens.
        var row = new PublishedResult(2, "v4.1", "NVIDIA", "s", "NVIDIA H200-SXM-141GB", 1, "Offline", 4000, null, null, 1000, "fp8", 1, 806, "TensorRT 10.2.0");
        var system = PublishedSystems.Map(row).System!;
        var plan = RowSimulator.Compile(row, RowExperiment.Text(row, system, MlperfWorkload.Assumed, []));
        var (stream, _) = RequestStream.Open(plan.Benchmark.Workload, vocabulary: 32000, timeBounded: false);
        long tokens = 0;
        var queries = 0;
        while (stream!.TryNextLengths(out _, out var output))
        {
            tokens += output;
            queries++;
        }

        queries.Should().BeGreaterThan(600_000);
        ((double)tokens / queries).Should().BeApproximately(median, 1.5, "the simulated queries' mean output against the submissions' median of {0}", perQuery.Length);
    }
}
