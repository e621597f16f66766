namespace Pipeline.Kernels.Tests;

/// <summary>
/// What llama.cpp does to activations before an integer dot product, written from ggml's definitions for the
/// tests' expected values: Q8_0-style blocks of 32 (scale <c>max|x| / 127</c> rounded to f16, values
/// <c>round(x * 127 / max|x|)</c>, half to even) and Q8_K blocks of 256 (<c>iscale = -127 / x</c> at the largest
/// |x|, values <c>min(127, round(iscale * x))</c>, scale <c>1 / iscale</c>). Returns the values the quantised rows represent.
/// </summary>
internal static class ActivationQuantization
{
    public static float[] Q8_0(float[] x)
    {
        var result = new float[x.Length];
        for (var b = 0; b < x.Length; b += 32)
        {
            float max = 0;
            for (var j = 0; j < 32; j++) max = MathF.Max(max, MathF.Abs(x[b + j]));
            var scale = (float)(Half)(max / 127f);
            for (var j = 0; j < 32; j++) result[b + j] = (max == 0 ? 0 : MathF.Round(x[b + j] * (127f / max))) * scale;
        }
        return result;
    }

    public static float[] Q8_K(float[] x)
    {
        var result = new float[x.Length];
        for (var b = 0; b < x.Length; b += 256)
        {
            var extreme = x.Skip(b).Take(256).MaxBy(MathF.Abs);
            if (extreme == 0) continue;
            var iscale = -127f / extreme;
            for (var j = 0; j < 256; j++) result[b + j] = Math.Min(127, MathF.Round(iscale * x[b + j])) * (1 / iscale);
        }
        return result;
    }
}
