namespace Pipeline.Plans.Costs.Prediction;

/// <summary>
/// Tile and wave quantisation of a GEMM: the output (M tokens x N columns) is cut into tiles, and the tiles run in
/// waves of one tile per compute unit. The last wave and the tiles' padding do work nobody uses, so the useful share
/// of the issued work is <c>M N / (waves x units x tileM x tileN)</c>. Small-M (decode) GEMMs waste most of a tile;
/// they are memory-bound anyway, which the predictor's max(compute, memory) then shows. Libraries pick a shorter tile
/// for few tokens (GEMV-like kernels), so the token tile is the smallest power of two that covers M, between
/// <see cref="MinimumTileTokens"/> and the family's tile.
/// </summary>
public static class GemmWaves
{
    /// <summary>Shortest token tile a GEMM library uses (an MMA instruction's 16 rows).</summary>
    public const int MinimumTileTokens = 16;

    /// <summary>Useful share of the issued tile work, in (0, 1].</summary>
    /// <param name="m">Rows (tokens), at least 1.</param>
    /// <param name="n">Columns (output features), at least 1.</param>
    /// <param name="tileM">Tile rows, at least 1.</param>
    /// <param name="tileN">Tile columns, at least 1.</param>
    /// <param name="units">Compute units running one tile each per wave, at least 1.</param>
    public static double Utilisation(long m, long n, int tileM, int tileN, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileM, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileN, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        tileM = (int)Math.Min(tileM, Math.Max(Math.Min(MinimumTileTokens, tileM), (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)m)));
        long tiles = CeilDiv(m, tileM) * CeilDiv(n, tileN);
        long waves = CeilDiv(tiles, units);
        return (double)m * n / ((double)waves * units * tileM * tileN);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
