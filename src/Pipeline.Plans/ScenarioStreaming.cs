namespace Pipeline.Plans;

/// <summary>
/// Which scenarios stream tokens to the client as they are generated. MLPerf's latency scenarios measure the first
/// token (LoadGen's <c>FirstTokenComplete</c>) and the time per output token, so a harness returns each token as its
/// step produces it; Offline reports throughput only and returns whole answers. What a streamed response costs the
/// host is the accelerator's <c>stream_overhead</c> (<see cref="CostParameters.StreamOverhead"/>).
/// </summary>
public static class ScenarioStreaming
{
    /// <summary>True when the scenario returns every token as its step produces it (all but offline).</summary>
    public static bool StreamsTokens(this Scenario scenario) => scenario != Scenario.Offline;
}
