using System.Globalization;
using Pipeline.Serving.Accounting;

namespace Pipeline.Reports.Internal;

/// <summary>
/// Streams <c>requests.csv</c>: one row per request, written when it finishes (so rows come in finish order, which
/// is deterministic for a seed). Times in seconds since the run started, latencies in milliseconds; a value that
/// does not apply (TPOT of a one-token request, anything of a rejected one) is an empty field.
/// </summary>
internal sealed class RequestsCsvWriter : IDisposable
{
    public const string Header =
        "request_id,arrival_s,prompt_tokens,output_tokens,first_token_s,finish_s,ttft_ms,tpot_ms,e2e_ms,status,reject_reason,worker";

    private readonly TextWriter _writer;

    public RequestsCsvWriter(TextWriter writer)
    {
        _writer = writer;
        _writer.Write(Header);
        _writer.Write('\n');
    }

    public int Rows { get; private set; }

    public void Write(RequestTimeline t)
    {
        var firstToken = t.TokenTimes.Count > 0 ? t.TokenTimes[0] : (double?)null;
        var status = t.IsCompleted ? "completed" : "rejected";
        // Workers in order: a disaggregated request runs on its prefill worker, then its decode worker ("0>2").
        var workers = string.Join(">", t.Workers.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        _writer.Write(string.Join(',',
            t.RequestId.ToString(CultureInfo.InvariantCulture),
            Csv.Number(t.Arrival),
            t.PromptTokens.ToString(CultureInfo.InvariantCulture),
            t.TokenTimes.Count.ToString(CultureInfo.InvariantCulture),
            Csv.Number(firstToken),
            Csv.Number(t.End),
            Csv.Number(t.Ttft * 1000, 3),
            Csv.Number(t.Tpot * 1000, 3),
            Csv.Number(t.E2e * 1000, 3),
            status,
            Csv.Field(t.RejectionReason),
            workers));
        _writer.Write('\n');
        Rows++;
    }

    public void Dispose() => _writer.Dispose();
}
