using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class RequestsCsvTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Requests_csv_has_the_header_and_one_row_per_request_in_finish_order()
    {
        HandBuilt.Report(_folder.Path);
        var lines = File.ReadAllLines(_folder.File(ReportFiles.Requests));

        lines[0].Should().Be("request_id,arrival_s,prompt_tokens,output_tokens,first_token_s,finish_s,ttft_ms,tpot_ms,e2e_ms,status,reject_reason,worker");
        lines.Should().HaveCount(1 + HandBuilt.Timelines().Count);
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("0", "1", "2", "3", "4");
    }

    [Fact]
    public void A_completed_row_carries_its_hand_worked_latencies_and_a_rejected_row_its_reason()
    {
        HandBuilt.Report(_folder.Path);
        var lines = File.ReadAllLines(_folder.File(ReportFiles.Requests));

        // Request 1: arrives 0.5, tokens at 0.7..1.0: TTFT 200 ms, TPOT (1.0 - 0.7) / 3 = 100 ms, E2E 500 ms.
        lines[2].Should().Be("1,0.5,20,4,0.7,1,200,100,500,completed,,1");
        // Request 4 never ran: no token times or latencies; the reason has a comma, so it is quoted.
        lines[5].Should().Be($"4,2,5000,0,,2,,,,rejected,\"{HandBuilt.RejectionReason}\",");
    }

    [Fact]
    public void Rows_are_written_as_requests_finish_not_at_the_end()
    {
        using var reporter = RunReporter.Create(_folder.Path, HandBuilt.Plan(), new RunIdentity(3, null, []));
        foreach (var timeline in HandBuilt.Timelines().Take(2)) reporter.OnRequestFinished(timeline);

        reporter.RequestRows.Should().Be(2);
    }

    public void Dispose() => _folder.Dispose();
}
