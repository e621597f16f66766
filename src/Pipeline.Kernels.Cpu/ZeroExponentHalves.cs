using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// The halves of an f16 matrix whose exponent field is zero (zeros and subnormals), row by row, each with the difference
/// between its value and what <see cref="HalfConverter.WidenNormal(Vector512{int})"/> makes of it. That widening
/// reads every half as a normal number (four vector operations per 16 values instead of eleven); adding these few
/// differences back (0.2-0.3% of trained weights) makes a product over the matrix the exact one. A matrix with more
/// than <see cref="MaxShare"/> of them (say, zero padding) has none built and takes the exact widening instead.
/// </summary>
internal sealed class ZeroExponentHalves
{
    /// <summary>Above this share a fix-up costs more than the vector operations the short widening saves.</summary>
    public const double MaxShare = 1.0 / 32;

    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly float[] _differences;
    private readonly float[] _values;

    private ZeroExponentHalves(int[] rowStarts, int[] columns, float[] differences, float[] values)
    {
        _rowStarts = rowStarts;
        _columns = columns;
        _differences = differences;
        _values = values;
    }

    /// <summary>How many halves the matrix holds with a zero exponent.</summary>
    public int Count => _columns.Length;

    /// <summary>
    /// The zero-exponent halves of the row-major <paramref name="rows"/> x <paramref name="cols"/> matrix, or null when more
    /// than <see cref="MaxShare"/> of its values are.
    /// </summary>
    public static ZeroExponentHalves? Find(ReadOnlySpan<ushort> bits, int rows, int cols)
    {
        long count = (long)rows * cols;
        long limit = (long)(count * MaxShare);
        var rowStarts = new int[rows + 1];
        var columns = new List<int>();
        var differences = new List<float>();
        var values = new List<float>();
        for (int r = 0; r < rows; r++)
        {
            var row = bits.Slice(r * cols, cols);
            int c = 0;
            // Almost every 32 halves hold none: one compare per vector finds the few that do.
            for (; c <= cols - 32; c += 32)
            {
                var exponents = Vector512.Create(row.Slice(c, 32)) & Vector512.Create((ushort)0x7C00);
                ulong zero = Vector512.Equals(exponents, Vector512<ushort>.Zero).ExtractMostSignificantBits();
                while (zero != 0)
                {
                    int lane = System.Numerics.BitOperations.TrailingZeroCount(zero);
                    zero &= zero - 1;
                    Add(row[c + lane], c + lane);
                }
            }
            for (; c < cols; c++)
                if ((row[c] & 0x7C00) == 0) Add(row[c], c);
            if (columns.Count > limit) return null;
            rowStarts[r + 1] = columns.Count;
        }
        return new ZeroExponentHalves(rowStarts, columns.ToArray(), differences.ToArray(), values.ToArray());

        void Add(ushort half, int column)
        {
            float value = (float)BitConverter.UInt16BitsToHalf(half);
            columns.Add(column);
            values.Add(value);
            // Both are exact floats a few bits wide, so their difference is exact too.
            differences.Add(value - HalfConverter.NormalValue(half));
        }
    }

    /// <summary>What the fix-ups of row <paramref name="row"/> add to its dot product with <paramref name="a"/>.</summary>
    public unsafe float Dot(int row, float* a)
    {
        float sum = 0;
        for (int i = _rowStarts[row]; i < _rowStarts[row + 1]; i++) sum += a[_columns[i]] * _differences[i];
        return sum;
    }

    /// <summary>
    /// Puts the exact values (negative zeros included) into rows <c>[row, row + count)</c> widened the short way into
    /// <paramref name="destination"/> (row-major, <paramref name="cols"/> wide).
    /// </summary>
    public unsafe void Correct(int row, int count, int cols, float* destination)
    {
        for (int r = 0; r < count; r++)
        {
            float* d = destination + (long)r * cols;
            for (int i = _rowStarts[row + r]; i < _rowStarts[row + r + 1]; i++) d[_columns[i]] = _values[i];
        }
    }
}
