namespace Pipeline.Reports;

/// <summary>The names of the files a report writes into its folder.</summary>
public static class ReportFiles
{
    /// <summary>The run's figures as JSON (vLLM <c>benchmark_serving</c> field names).</summary>
    public const string Result = "result.json";

    /// <summary>LoadGen-style summary.</summary>
    public const string Summary = "summary.txt";

    /// <summary>One row per request.</summary>
    public const string Requests = "requests.csv";

    /// <summary>Chrome trace-event JSON (open in Perfetto).</summary>
    public const string Trace = "trace.json";

    /// <summary>The page to open first.</summary>
    public const string Html = "report.html";

    /// <summary>A sweep's cells, one row each.</summary>
    public const string Sweep = "sweep.csv";
}
