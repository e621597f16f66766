namespace Pipeline.Runner;

/// <summary>
/// How much of the deployment's peak a run used, per phase (<c>spec/metrics.md</c>): model FLOPs utilisation (MFU) is
/// the model FLOPs of the tokens processed over the run's duration, divided by the peak dense FLOP/s of every
/// accelerator of the deployment; memory-bandwidth utilisation (MBU) is the bytes the steps had to read (the weights
/// once per step, plus the KV cache of every sequence in it) over the duration, divided by every accelerator's memory
/// bandwidth. A phase's share of a mixed step's bytes is its share of the step's tokens.
/// </summary>
/// <param name="PrefillTokens">Prompt tokens fed (whole prompts, chunks, recomputation).</param>
/// <param name="DecodeTokens">Tokens decoded (one per sequence per decode step).</param>
/// <param name="PrefillFlops">Model FLOPs of the prefill tokens.</param>
/// <param name="DecodeFlops">Model FLOPs of the decoded tokens.</param>
/// <param name="PrefillBytes">Bytes read for prefill.</param>
/// <param name="DecodeBytes">Bytes read for decode.</param>
/// <param name="Duration">The run's duration, seconds (first arrival to last finish).</param>
/// <param name="PeakFlops">Peak dense FLOP/s of all the deployment's accelerators for the model's type (0 when unknown).</param>
/// <param name="PeakBandwidth">Memory bandwidth of all the deployment's accelerators, bytes/s.</param>
/// <param name="DecodeSteps">Steps that decoded at least one sequence.</param>
public sealed record Utilisation(
    long PrefillTokens,
    long DecodeTokens,
    double PrefillFlops,
    double DecodeFlops,
    double PrefillBytes,
    double DecodeBytes,
    double Duration,
    double PeakFlops,
    double PeakBandwidth,
    long DecodeSteps)
{
    /// <summary>Model FLOPs utilisation of the whole run.</summary>
    public double Mfu => PrefillMfu + DecodeMfu;

    /// <summary>Prefill's part of <see cref="Mfu"/>.</summary>
    public double PrefillMfu => Share(PrefillFlops, PeakFlops);

    /// <summary>Decode's part of <see cref="Mfu"/>.</summary>
    public double DecodeMfu => Share(DecodeFlops, PeakFlops);

    /// <summary>Memory-bandwidth utilisation of the whole run.</summary>
    public double Mbu => PrefillMbu + DecodeMbu;

    /// <summary>Prefill's part of <see cref="Mbu"/>.</summary>
    public double PrefillMbu => Share(PrefillBytes, PeakBandwidth);

    /// <summary>Decode's part of <see cref="Mbu"/>.</summary>
    public double DecodeMbu => Share(DecodeBytes, PeakBandwidth);

    /// <summary>Sequences per decode step, on average: the batch the latency limits left decode.</summary>
    public double MeanDecodeBatch => DecodeSteps > 0 ? (double)DecodeTokens / DecodeSteps : 0;

    private double Share(double amount, double peak) => Duration > 0 && peak > 0 ? amount / (Duration * peak) : 0;
}
