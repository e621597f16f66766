using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Running state of a streaming softmax over attention scores (the running maximum and the sum of exponentials),
/// shared by the prefill and decode attention kernels so the numerics live in one place.
/// </summary>
internal readonly struct OnlineSoftmax
{
    public OnlineSoftmax(float max, float denominator)
    {
        Max = max;
        Denominator = denominator;
    }

    public float Max { get; }

    public float Denominator { get; }

    /// <summary>The state before any score: maximum −∞, empty sum.</summary>
    public static OnlineSoftmax Empty() => new(float.NegativeInfinity, 0f);

    /// <summary>
    /// Adds one key's <paramref name="score"/>: when it raises the running maximum, what <paramref name="acc"/> holds
    /// is rescaled first; then <c>acc += exp(score - max) * values[valueBase .. valueBase + headDim)</c>.
    /// </summary>
    public static OnlineSoftmax Accumulate(OnlineSoftmax state, float score, ArrayView<float> values, long valueBase, int headDim, ArrayView<float> acc)
    {
        var max = state.Max;
        var denominator = state.Denominator;
        if (score > max)
        {
            var correction = MathF.Exp(max - score);
            denominator *= correction;
            for (var d = 0; d < headDim; d++) acc[d] *= correction;
            max = score;
        }
        var weight = MathF.Exp(score - max);
        for (var d = 0; d < headDim; d++) acc[d] += weight * values[valueBase + d];
        return new OnlineSoftmax(max, denominator + weight);
    }
}
