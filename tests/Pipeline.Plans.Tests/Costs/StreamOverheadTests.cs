using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Plans.Tests.Costs;

/// <summary>The host's cost of streaming each sampled token to the client (<c>stream_overhead</c>).</summary>
public sealed class StreamOverheadTests
{
    private static readonly ModelArchitecture Llama70B = new(80, 8192, 64, 8, 28672, 32000, 4096, 10000, 1e-5, DType.FP8);

    private static AcceleratorSpec H200(double stream) =>
        AcceleratorCatalog.TryGet("h200", out var s) ? s! with { Cost = s.Cost with { StreamOverhead = stream } } : throw new InvalidOperationException();

    private static StepShape Decodes(int batch, int streamed)
    {
        var shape = default(StepShape);
        for (var i = 0; i < batch; i++) shape.Add(1, 511);
        shape.StreamedResponses = streamed;
        return shape;
    }

    [Fact]
    public void A_streamed_step_of_n_sequences_pays_the_step_the_sequences_and_each_streamed_response_on_the_host()
    {
        var spec = H200(20e-6) with { Cost = H200(20e-6).Cost with { StepOverhead = 2e-3, SequenceOverhead = 5e-6 } };
        var host = new ExecutionTimePredictor(Llama70B, spec, 1).Explain(Decodes(400, 400)).Operators.Single(o => o.Name == "host");
        // By hand: 2 ms + 400 x 5 us + 400 x 20 us = 2 + 2 + 8 = 12 ms.
        host.Seconds.Should().BeApproximately(12e-3, 1e-12);
    }

    [Fact]
    public void Only_streamed_responses_pay_the_stream_overhead_and_a_step_without_any_pays_nothing_for_it()
    {
        var predictor = new ExecutionTimePredictor(Llama70B, H200(30e-6), 1);
        var none = predictor.Seconds(Decodes(256, 0));
        var some = predictor.Seconds(Decodes(256, 100));
        // 100 streamed responses at 30 us = 3 ms; the device's time is the same shape.
        (some - none).Should().BeApproximately(3e-3, 1e-9);
        new ExecutionTimePredictor(Llama70B, H200(0), 1).Seconds(Decodes(256, 100)).Should().BeApproximately(none, 1e-12, "at 0 us a response costs nothing");
    }

    [Fact]
    public void Every_scenario_but_offline_streams_tokens()
    {
        Scenario.Offline.StreamsTokens().Should().BeFalse();
        Scenario.Server.StreamsTokens().Should().BeTrue();
        Scenario.Interactive.StreamsTokens().Should().BeTrue();
        Scenario.SingleStream.StreamsTokens().Should().BeTrue();
    }
}
