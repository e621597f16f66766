using Pipeline.Reports.Internal;
using Pipeline.Runner.Capacity;

namespace Pipeline.Reports;

/// <summary>
/// Writes a capacity plan's artefacts into a folder: <c>capacity.txt</c> (the table and the answer),
/// <c>capacity.csv</c> (one row per candidate) and the Pareto plot, cost per hour against peak goodput, as
/// <c>capacity-pareto.png</c> and <c>capacity-pareto.svg</c>.
/// </summary>
public static class CapacityReporter
{
    /// <summary>Writes the artefacts and returns their paths.</summary>
    public static IReadOnlyList<string> Write(CapacityReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var table = Path.Combine(folder, "capacity.txt");
        using (var writer = new StreamWriter(table)) CapacityTable.Write(report, writer);
        var csv = Path.Combine(folder, "capacity.csv");
        using (var writer = new StreamWriter(csv)) CapacityCsv.Write(report, writer);
        var chart = Charts.Save(CapacityChart.Pareto(report), folder, "capacity-pareto");
        return [table, csv, .. chart.Files];
    }
}
