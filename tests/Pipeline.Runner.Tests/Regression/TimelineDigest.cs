using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Runner.Tests.Regression;

/// <summary>
/// A SHA-256 over every field of every timeline (each step, token time and id, preemption, transfer and worker), doubles
/// written round-trip ("R"), so two runs agree on the digest only when they agree bit for bit.
/// </summary>
internal static class TimelineDigest
{
    public static string Of(IEnumerable<RequestTimeline> timelines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var t in timelines.OrderBy(t => t.RequestId))
        {
            line.Clear();
            var c = CultureInfo.InvariantCulture;
            line.Append(c, $"{t.RequestId}|{t.PromptTokens}|{t.MaxOutputTokens}|{R(t.Arrival)}|{t.Status}|{t.RejectionReason}|{R(t.End)}|");
            foreach (var s in t.Steps) line.Append(c, $"s{s.Worker},{s.Step},{R(s.Start)},{R(s.End)},{s.Phase},{s.Tokens};");
            foreach (var time in t.TokenTimes) line.Append(c, $"t{R(time)};");
            foreach (var token in t.OutputTokens) line.Append(c, $"o{token};");
            foreach (var time in t.Preemptions) line.Append(c, $"p{R(time)};");
            line.Append(c, $"x{R(t.KvTransferStart)},{R(t.KvTransferEnd)};w{string.Join(',', t.Workers)}\n");
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
