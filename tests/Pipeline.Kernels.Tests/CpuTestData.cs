using System.Runtime.InteropServices;
using Pipeline.Kernels;

namespace Pipeline.Kernels.Tests;

/// <summary>Seeded inputs and host-side encoders (f16, Q8_0) for the fast CPU backend's tests.</summary>
internal static class CpuTestData
{
    public static float[] Random(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }

    /// <summary>Encodes <paramref name="values"/> in <paramref name="format"/> and returns the values the encoding represents.</summary>
    public static (HostMatrix Matrix, float[] Represented) Encode(int rows, int cols, float[] values, WeightFormat format)
    {
        switch (format)
        {
            case WeightFormat.F32:
                return (HostMatrix.FromFloats(rows, cols, values), values);
            case WeightFormat.F16:
            {
                var halves = values.Select(v => (Half)v).ToArray();
                return (new HostMatrix(rows, cols, format, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray()), halves.Select(h => (float)h).ToArray());
            }
            default:
            {
                var bytes = new byte[values.Length / 32 * 34];
                var represented = new float[values.Length];
                for (int b = 0; b < values.Length / 32; b++)
                {
                    float amax = 0;
                    for (int i = 0; i < 32; i++) amax = MathF.Max(amax, MathF.Abs(values[b * 32 + i]));
                    var scale = (Half)(amax / 127f);
                    BitConverter.TryWriteBytes(bytes.AsSpan(b * 34, 2), scale);
                    float d = (float)scale;
                    for (int i = 0; i < 32; i++)
                    {
                        var q = (sbyte)(d == 0 ? 0 : Math.Clamp(MathF.Round(values[b * 32 + i] / d), -127, 127));
                        bytes[b * 34 + 2 + i] = (byte)q;
                        represented[b * 32 + i] = q * d;
                    }
                }
                return (new HostMatrix(rows, cols, format, bytes), represented);
            }
        }
    }

    /// <summary><c>y = x W^T</c> in double precision.</summary>
    public static double[] MatMul(float[] x, int m, float[] w, int n, int k)
    {
        var y = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double)x[i * k + p] * w[j * k + p];
                y[i * n + j] = s;
            }
        return y;
    }

    public static float[] Download(IKernelBackend backend, DeviceTensor tensor, int length)
    {
        var values = new float[length];
        backend.Download(tensor, values);
        return values;
    }

    public static DeviceTensor Upload(IKernelBackend backend, float[] values)
    {
        var tensor = backend.Allocate(values.Length);
        backend.Upload(values, tensor);
        return tensor;
    }
}
