using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class ResultsFidelitySeedTests
{
    // AMD's one-MI300X Server row: one replica at 8.6 queries/s, 3,000 queries of it (LoadGen's 270,336 would take minutes).
    private static readonly PublishedResult Row =
        new(17, "v4.1", "AMD", "1xMI300X", "AMD Instinct MI300X-NPS1-SPX-192GB-750W", 1, "Server", 2520.27, 0.785, 0.190, 8.6, "fp8", 1, 1024, "vLLM 0.4.3");

    private static readonly ServerRunLength Short = new(3000, 0);

    [Fact]
    public void The_seed_draws_another_sample_and_the_same_seed_the_same_prediction()
    {
        var first = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 1, length: Short).Single().Prediction!;
        var again = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 1, length: Short).Single().Prediction!;
        var other = ResultsFidelity.Compare([Row], MlperfWorkload.Assumed, seed: 2, length: Short).Single().Prediction!;

        again.Should().Be(first);
        other.TokensPerSecond.Should().NotBe(first.TokensPerSecond);
        // Another sample of the same system at the same rate: close, not equal.
        other.TokensPerSecond.Should().BeApproximately(first.TokensPerSecond, first.TokensPerSecond * 0.1);
    }
}
