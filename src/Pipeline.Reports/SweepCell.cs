namespace Pipeline.Reports;

/// <summary>One cell of a sweep with its headline figures, as <c>sweep.csv</c> and the sweep charts show it.</summary>
/// <param name="Identity">Its index, seed and swept values.</param>
/// <param name="Folder">Its report folder.</param>
/// <param name="OfferedRate">Poisson arrival rate of its workload (requests per second); null for other arrivals.</param>
/// <param name="Completed">Requests completed.</param>
/// <param name="RequestThroughput">Completed requests per second.</param>
/// <param name="OutputThroughput">Output tokens per second.</param>
/// <param name="Goodput">Requests per second that met every limit.</param>
/// <param name="P99TtftSeconds">99th-percentile TTFT.</param>
/// <param name="P99TpotSeconds">99th-percentile TPOT.</param>
/// <param name="SloMet">Whether every limit held (null without limits).</param>
/// <param name="Valid">Whether the run is a valid result.</param>
public sealed record SweepCell(
    RunIdentity Identity,
    string Folder,
    double? OfferedRate,
    int Completed,
    double RequestThroughput,
    double OutputThroughput,
    double Goodput,
    double P99TtftSeconds,
    double P99TpotSeconds,
    bool? SloMet,
    bool Valid);
