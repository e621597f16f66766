namespace Pipeline.Serving.Tests;

public sealed class DatasetWorkloadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pipeline-dataset-{Guid.NewGuid():N}.jsonl");

    public DatasetWorkloadTests() =>
        File.WriteAllText(_path, "{\"prompt\": \"abcdefgh\", \"output_tokens\": 10}\n{\"prompt\": \"héllo wörld, 你好\"}\n");

    [Fact]
    public void Requests_cycle_through_the_rows_with_their_estimated_lengths_and_given_outputs()
    {
        // Row 1: 8 bytes = 2 tok, output 10; row 2: 21 bytes = 6 tok, output from the plan's fixed(7).
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new DatasetPrompts(_path, null, 2, 4, 2, 6), new FixedLength(7), 5, null, 1);

        var requests = WorkloadGenerator.Generate(plan, vocabulary: 100).Requests;

        requests.Select(r => r.PromptLength).Should().Equal(2, 6, 2, 6, 2);
        requests.Select(r => r.MaxOutputTokens).Should().Equal(10, 7, 10, 7, 10);
        requests.SelectMany(r => r.PromptTokens).Should().OnlyContain(t => t >= 0 && t < 100);
    }

    [Fact]
    public void A_dataset_that_changed_into_a_bad_file_stops_the_run_with_a_diagnostic()
    {
        File.WriteAllText(_path, "not json\n");
        var plan = new WorkloadPlan(new AllAtOnceArrivals(), new DatasetPrompts(_path, null, 2, 4, 2, 6), new FixedLength(7), 5, null, 1);

        var result = WorkloadGenerator.Generate(plan, vocabulary: 100);

        result.Requests.Should().BeEmpty();
        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("PLT005");
    }

    public void Dispose() => File.Delete(_path);
}
