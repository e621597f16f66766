using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Pipeline.Kernels;

namespace Pipeline.Engine.Gguf;

/// <summary>Encodes f32 weights as F16 or GGML Q8_0 (the reference quantiser: scale = max|x| / 127, round to nearest).</summary>
internal static class WeightEncoding
{
    public static HostMatrix Encode(HostMatrix matrix, WeightFormat format)
    {
        if (matrix.Format == format) return matrix;
        var values = matrix.ToFloats();
        return format switch
        {
            WeightFormat.F32 => HostMatrix.FromFloats(matrix.Rows, matrix.Cols, values),
            WeightFormat.F16 => new HostMatrix(matrix.Rows, matrix.Cols, format, F16(values)),
            WeightFormat.Q8_0 => new HostMatrix(matrix.Rows, matrix.Cols, format, Q8(values, matrix.Cols)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    private static byte[] F16(float[] values)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    private static byte[] Q8(float[] values, int cols)
    {
        if (cols % HostMatrixDecoding.Q8BlockValues != 0) throw new ArgumentException($"Q8_0 needs rows of a multiple of 32 values, got {cols}.");
        var blocks = values.Length / HostMatrixDecoding.Q8BlockValues;
        var bytes = new byte[blocks * HostMatrixDecoding.Q8BlockBytes];
        for (var b = 0; b < blocks; b++)
        {
            var block = values.AsSpan(b * 32, 32);
            var max = 0f;
            foreach (var v in block) max = Math.Max(max, Math.Abs(v));
            var scale = max / 127f;
            var inverse = scale == 0 ? 0 : 1f / scale;
            var output = bytes.AsSpan(b * HostMatrixDecoding.Q8BlockBytes, HostMatrixDecoding.Q8BlockBytes);
            BinaryPrimitives.WriteUInt16LittleEndian(output, BitConverter.HalfToUInt16Bits((Half)scale));
            for (var j = 0; j < 32; j++) output[2 + j] = (byte)(sbyte)Math.Clamp(MathF.Round(block[j] * inverse), -127, 127);
        }
        return bytes;
    }
}
