namespace Pipeline.Calibration.Fitting;

/// <summary>
/// Levenberg-Marquardt least squares over bounded parameters: minimises the sum of squared residuals, with each
/// parameter moved through a logit so the fit stays inside its physical range, and the Jacobian by forward
/// differences (a simulator gives no derivatives). Deterministic: no random restarts.
/// </summary>
public static class LeastSquares
{
    /// <summary>Fits the parameters.</summary>
    /// <param name="parameters">What to fit, with starting values and ranges.</param>
    /// <param name="residuals">The residuals at a parameter vector (in the parameters' base units); same length every call.</param>
    /// <param name="iterations">Most Jacobian evaluations.</param>
    /// <param name="step">Forward-difference step in the free coordinates.</param>
    /// <returns>The fitted values and the residuals there.</returns>
    public static (double[] Values, double[] Residuals) Fit(
        IReadOnlyList<FittedParameter> parameters, Func<double[], double[]> residuals, int iterations = 20, double step = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(residuals);
        var k = parameters.Count;
        double[] Values(double[] free) => free.Select((f, i) => parameters[i].FromFree(f)).ToArray();
        var x = parameters.Select(p => p.ToFree(p.Initial)).ToArray();
        var r = residuals(Values(x));
        var cost = SumOfSquares(r);
        var lambda = 1e-2;
        for (var iteration = 0; iteration < iterations && cost > 1e-24; iteration++)
        {
            var jacobian = new double[r.Length, k];
            for (var j = 0; j < k; j++)
            {
                var shifted = (double[])x.Clone();
                shifted[j] += step;
                var rj = residuals(Values(shifted));
                for (var i = 0; i < r.Length; i++) jacobian[i, j] = (rj[i] - r[i]) / step;
            }
            var improved = false;
            for (var attempt = 0; attempt < 8 && !improved; attempt++)
            {
                var delta = Solve(jacobian, r, lambda);
                var candidate = x.Zip(delta, (a, d) => a - d).ToArray();
                var rc = residuals(Values(candidate));
                var candidateCost = SumOfSquares(rc);
                if (candidateCost < cost)
                {
                    var converged = cost - candidateCost < 1e-12 * Math.Max(1, cost);
                    (x, r, cost) = (candidate, rc, candidateCost);
                    lambda = Math.Max(lambda / 3, 1e-9);
                    improved = true;
                    if (converged) iteration = iterations;
                }
                else
                {
                    lambda *= 4;
                }
            }
            if (!improved) break;
        }
        return (Values(x), r);
    }

    private static double SumOfSquares(double[] r) => r.Sum(v => v * v);

    // (J^T J + lambda diag(J^T J)) delta = J^T r, by Gaussian elimination with partial pivoting (k is small).
    private static double[] Solve(double[,] j, double[] r, double lambda)
    {
        int n = r.Length, k = j.GetLength(1);
        var a = new double[k, k + 1];
        for (var p = 0; p < k; p++)
        {
            for (var q = 0; q < k; q++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++) sum += j[i, p] * j[i, q];
                a[p, q] = sum;
            }
            double rhs = 0;
            for (var i = 0; i < n; i++) rhs += j[i, p] * r[i];
            a[p, k] = rhs;
        }
        for (var p = 0; p < k; p++) a[p, p] += lambda * Math.Max(a[p, p], 1e-12);
        for (var col = 0; col < k; col++)
        {
            var pivot = Enumerable.Range(col, k - col).MaxBy(row => Math.Abs(a[row, col]));
            for (var c = 0; c <= k; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            if (Math.Abs(a[col, col]) < 1e-300) continue;
            for (var row = 0; row < k; row++)
            {
                if (row == col) continue;
                var factor = a[row, col] / a[col, col];
                for (var c = col; c <= k; c++) a[row, c] -= factor * a[col, c];
            }
        }
        return Enumerable.Range(0, k).Select(p => Math.Abs(a[p, p]) < 1e-300 ? 0 : a[p, k] / a[p, p]).ToArray();
    }
}
