using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

// The transformer operations of the seam: embedding, norm, the prefill GEMM and decode GEMV, RoPE, SwiGLU, residual add and row gathering.
public sealed partial class IlgpuKernelBackend
{
    /// <inheritdoc />
    public void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output)
    {
        var t = Own(table);
        var o = Own(output);
        Require(o, (long)tokens.Length * t.Cols, nameof(output));
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)t.Rows) throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token outside the table of {t.Rows} rows.");
        }
        if (tokens.IsEmpty) return;
        var split = Split(tokens.Length * t.Cols);
        var ids = _ints.Upload(tokens);
        switch (t.Format)
        {
            case WeightFormat.F16: _kernels.Embed.F16(split.Threads, split, ids, t.F16, o.View, t.Cols); break;
            case WeightFormat.Q8_0: _kernels.Embed.Q8(split.Threads, split, ids, t.Q8, o.View, t.Cols); break;
            default: _kernels.Embed.F32(split.Threads, split, ids, t.F32, o.View, t.Cols); break;
        }
    }

    /// <inheritdoc />
    public void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps)
    {
        Require(Own(input), (long)rows * dim, nameof(input));
        Require(Own(weight), dim, nameof(weight));
        Require(Own(output), (long)rows * dim, nameof(output));
        if (rows == 0) return;
        _kernels.RmsNorm(NormConfig(rows), Own(input).View, Own(input).View, Own(weight).View, Own(output).View, rows, dim, eps, 0);
    }

    /// <inheritdoc />
    /// <remarks>Fused: one kernel reads the row and the addend once, writes the sum, and normalises it.</remarks>
    public void AddRmsNorm(DeviceTensor accumulator, DeviceTensor addend, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps)
    {
        Require(Own(accumulator), (long)rows * dim, nameof(accumulator));
        Require(Own(addend), (long)rows * dim, nameof(addend));
        Require(Own(weight), dim, nameof(weight));
        Require(Own(output), (long)rows * dim, nameof(output));
        if (rows == 0) return;
        _kernels.RmsNorm(NormConfig(rows), Own(accumulator).View, Own(addend).View, Own(weight).View, Own(output).View, rows, dim, eps, 1);
    }

    /// <inheritdoc />
    public void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        var (x, w, y) = CheckProduct(input, rows, weight, output);
        if (rows == 0) return;
        var tile = IlgpuKernels.Tile;
        var tiles = ((w.Rows + tile - 1) / tile) * ((rows + tile - 1) / tile);
        var config = new KernelConfig(new Index1D(Math.Min(tiles, _maxGroups)), new Index1D(_groupSize));
        switch (w.Format)
        {
            case WeightFormat.F16: _kernels.Gemm.F16(config, x.View, w.F16, y.View, rows, w.Rows, w.Cols); break;
            case WeightFormat.Q8_0: _kernels.Gemm.Q8(config, x.View, w.Q8, y.View, rows, w.Rows, w.Cols); break;
            default: _kernels.Gemm.F32(config, x.View, w.F32, y.View, rows, w.Rows, w.Cols); break;
        }
    }

    /// <inheritdoc />
    public void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        var (x, w, y) = CheckProduct(input, rows, weight, output);
        if (rows == 0) return;
        var config = WarpConfig(w.Rows);
        switch (w.Format)
        {
            case WeightFormat.F16: _kernels.Gemv.F16(config, x.View, w.F16, y.View, rows, w.Rows, w.Cols); break;
            case WeightFormat.Q8_0: _kernels.Gemv.Q8(config, x.View, w.Q8, y.View, rows, w.Rows, w.Cols); break;
            default: _kernels.Gemv.F32(config, x.View, w.F32, y.View, rows, w.Rows, w.Cols); break;
        }
    }

    /// <summary>One group per row, groups striding over the rows.</summary>
    private KernelConfig NormConfig(int rows) =>
        new(new Index1D(Math.Min(rows, _maxGroups)), new Index1D(_warpGroupSize));

    /// <inheritdoc />
    public void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta)
    {
        if (headDim % 2 != 0) throw new ArgumentException($"Head dimension {headDim} is odd.", nameof(headDim));
        var t = Own(x);
        Require(t, (long)positions.Length * heads * headDim, nameof(x));
        if (positions.IsEmpty) return;
        // Angles are computed once per (row, pair) on the host in double precision and shared by every head.
        var half = headDim / 2;
        var cos = new float[positions.Length * half];
        var sin = new float[positions.Length * half];
        for (var i = 0; i < half; i++)
        {
            var frequency = Math.Pow(theta, -2.0 * i / headDim);
            for (var r = 0; r < positions.Length; r++)
            {
                var angle = positions[r] * frequency;
                cos[r * half + i] = (float)Math.Cos(angle);
                sin[r * half + i] = (float)Math.Sin(angle);
            }
        }
        var split = Split(positions.Length * heads * half);
        _kernels.Rope(split.Threads, split, t.View, _floats.Upload(cos), _floats.Upload(sin), heads, half);
    }

    /// <inheritdoc />
    public void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length)
    {
        Require(Own(gate), length, nameof(gate));
        Require(Own(up), length, nameof(up));
        Require(Own(output), length, nameof(output));
        if (length == 0) return;
        var split = Split(length);
        _kernels.SwiGlu(split.Threads, split, Own(gate).View, Own(up).View, Own(output).View);
    }

    /// <inheritdoc />
    public void Add(DeviceTensor accumulator, DeviceTensor addend, int length)
    {
        Require(Own(accumulator), length, nameof(accumulator));
        Require(Own(addend), length, nameof(addend));
        if (length == 0) return;
        var split = Split(length);
        _kernels.Add(split.Threads, split, Own(accumulator).View, Own(addend).View);
    }

    /// <inheritdoc />
    public void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output)
    {
        var i = Own(input);
        Require(Own(output), (long)rows.Length * width, nameof(output));
        foreach (var row in rows)
        {
            if (row < 0 || (long)(row + 1) * width > i.Length) throw new ArgumentOutOfRangeException(nameof(rows), row, "Row outside the input.");
        }
        if (rows.IsEmpty) return;
        var split = Split(rows.Length * width);
        _kernels.GatherRows(split.Threads, split, i.View, _ints.Upload(rows), Own(output).View, width);
    }
}
