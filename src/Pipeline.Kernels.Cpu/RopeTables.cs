namespace Pipeline.Kernels.Cpu;

/// <summary>
/// RoPE's cosines and sines by position, computed once per (theta, head dimension) as positions are reached rather than
/// in every call: a prefill of 64 tokens asked for 4,096 double-precision cosines and sines per call, and every layer
/// makes two calls with the same positions. The values are the ones the call computed (the angle position x frequency
/// in double, rounded to float), so the rotation is unchanged.
/// </summary>
internal sealed class RopeTables
{
    /// <summary>Positions from here on are computed per call instead of tabled (a full table of a 128-wide head is 32 MB).</summary>
    public const int MaxTabledPositions = 1 << 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<(float Theta, int HeadDim), Table> _tables = [];

    /// <summary>A table that holds at least positions 0..<paramref name="maxPosition"/>, or null past <see cref="MaxTabledPositions"/>.</summary>
    public Table? For(float theta, int headDim, int maxPosition)
    {
        if (maxPosition >= MaxTabledPositions) return null;
        lock (_gate)
        {
            if (_tables.TryGetValue((theta, headDim), out var table) && table.Positions > maxPosition) return table;
            int positions = Math.Min(MaxTabledPositions, Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxPosition + 1)));
            table = new Table(theta, headDim, positions);
            _tables[(theta, headDim)] = table;
            return table;
        }
    }

    /// <summary>Frequencies and the cosine and sine of every tabled position (row-major, <c>headDim / 2</c> a row).</summary>
    public sealed class Table
    {
        private readonly float[] _cos, _sin;

        public Table(float theta, int headDim, int positions)
        {
            int half = headDim / 2;
            Positions = positions;
            Half = half;
            var frequencies = Frequencies(theta, headDim);
            _cos = new float[positions * half];
            _sin = new float[positions * half];
            for (int p = 0; p < positions; p++)
            {
                for (int i = 0; i < half; i++)
                {
                    double angle = p * frequencies[i];
                    _cos[p * half + i] = (float)Math.Cos(angle);
                    _sin[p * half + i] = (float)Math.Sin(angle);
                }
            }
        }

        public int Positions { get; }

        public int Half { get; }

        public ReadOnlySpan<float> Cos(int position) => _cos.AsSpan(position * Half, Half);

        public ReadOnlySpan<float> Sin(int position) => _sin.AsSpan(position * Half, Half);
    }

    /// <summary><c>theta^(-2i / headDim)</c> in double, as every RoPE angle is taken.</summary>
    public static double[] Frequencies(float theta, int headDim)
    {
        var frequencies = new double[headDim / 2];
        for (int i = 0; i < frequencies.Length; i++) frequencies[i] = Math.Pow(theta, -2.0 * i / headDim);
        return frequencies;
    }
}
