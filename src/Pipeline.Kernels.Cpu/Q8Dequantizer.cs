using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>Widens Q8_0 (int8 values, one scale per block of 32) to f32: <c>value * scale</c>.</summary>
internal static unsafe class Q8Dequantizer
{
    /// <summary><paramref name="length"/> must be a multiple of the 32-value block.</summary>
    public static void ToSingle(sbyte* values, float* scales, float* destination, int length)
    {
        int blocks = length / CpuMatrix.Q8Block;
        for (int b = 0; b < blocks; b++)
        {
            sbyte* q = values + b * CpuMatrix.Q8Block;
            float* d = destination + b * CpuMatrix.Q8Block;
            float scale = scales[b];
            if (Vector512.IsHardwareAccelerated)
            {
                // One 256-bit load, sign-extended twice: 32 int8 -> 2 x 16 floats.
                var bytes = Vector256.Load(q);
                var shorts = VectorHalves.Join(Vector256.WidenLower(bytes), Vector256.WidenUpper(bytes));
                var s = Vector512.Create(scale);
                Vector512.Store(Vector512.ConvertToSingle(Vector512.WidenLower(shorts)) * s, d);
                Vector512.Store(Vector512.ConvertToSingle(Vector512.WidenUpper(shorts)) * s, d + 16);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var bytes = Vector256.Load(q);
                var low = Vector256.WidenLower(bytes);
                var high = Vector256.WidenUpper(bytes);
                var s = Vector256.Create(scale);
                Vector256.Store(Vector256.ConvertToSingle(Vector256.WidenLower(low)) * s, d);
                Vector256.Store(Vector256.ConvertToSingle(Vector256.WidenUpper(low)) * s, d + 8);
                Vector256.Store(Vector256.ConvertToSingle(Vector256.WidenLower(high)) * s, d + 16);
                Vector256.Store(Vector256.ConvertToSingle(Vector256.WidenUpper(high)) * s, d + 24);
            }
            else
            {
                for (int i = 0; i < CpuMatrix.Q8Block; i++) d[i] = q[i] * scale;
            }
        }
    }
}
