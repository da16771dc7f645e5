using System.Text.Json;
using System.Text.Json.Serialization;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;

namespace Monitor.Reporting.Probes;

/// <summary>
/// JSON Lines: one object per probe (<c>"type":"probe"</c>) as it happens, then one per target
/// (<c>"type":"summary"</c>). Field names are a contract documented in the README.
/// </summary>
public sealed class ProbeJsonRenderer(TextWriter output) : IProbeRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <inheritdoc />
    public void Start(IReadOnlyList<Target> targets, int count, TimeSpan interval, TimeSpan timeout)
    {
    }

    /// <inheritdoc />
    public void Probe(int sequence, Target target, Measurement measurement)
    {
        var identity = measurement.Identity;
        Write(new ProbeLine(
            "probe",
            sequence,
            EndpointText.Format(target),
            OutputWords.Utc(measurement.Started),
            OutputWords.Outcome(measurement.Outcome),
            measurement.Rtt is { } rtt ? Math.Round(rtt.TotalMilliseconds, 3) : null,
            measurement.Rcode is { } rcode ? DnsRcodes.Name(rcode) : null,
            measurement.ResponseSize,
            measurement.Truncated,
            identity.IdServer?.Text,
            identity.HostnameBind?.Text,
            identity.Nsid?.Text,
            identity.Nsid?.Hex,
            measurement.IdentityRtt is { } identityRtt ? Math.Round(identityRtt.TotalMilliseconds, 3) : null,
            measurement.Discarded,
            measurement.Error)
        {
            Transport = measurement.Transport?.ToString().ToLowerInvariant(),
            Address = measurement.Address?.ToString(),
            Connection = measurement.Connection?.ToString().ToLowerInvariant(),
            ConnectMs = Round(measurement.ConnectTime?.TotalMilliseconds),
            TlsMs = Round(measurement.TlsTime?.TotalMilliseconds),
            Reconnects = measurement.Reconnects,
            Ad = measurement.AuthenticData,
            Rrsig = measurement.RrsigSeen,
            SoaSerial = measurement.SoaSerial,
        });
    }

    /// <inheritdoc />
    public void Summary(IReadOnlyList<(Target Target, ProbeSummary Summary)> summaries, DateTimeOffset first, DateTimeOffset last)
    {
        foreach (var (target, summary) in summaries)
        {
            var l = summary.Latency;
            Write(new SummaryLine(
                "summary",
                EndpointText.Format(target),
                OutputWords.Utc(first),
                OutputWords.Utc(last),
                l.Sent,
                l.Answered,
                Math.Round(l.LossPercent, 3),
                Round(l.MinMs),
                Round(l.P50Ms),
                Round(l.MeanMs),
                Round(l.P95Ms),
                Round(l.MaxMs),
                Round(l.StdDevMs),
                summary.Discarded,
                summary.Identities.Select(kv => new IdentityCount(kv.Key, kv.Value)).ToList()));
        }
    }

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3);

    private void Write<T>(T line)
    {
        output.WriteLine(JsonSerializer.Serialize(line, Options));
        output.Flush();
    }

    private sealed record ProbeLine(
        string Type,
        int Seq,
        string Target,
        string Time,
        string Outcome,
        double? RttMs,
        string? Rcode,
        int? Size,
        bool Truncated,
        string? IdServer,
        string? HostnameBind,
        string? Nsid,
        string? NsidHex,
        double? IdentityRttMs,
        int Discarded,
        string? Error)
    {
        public string? Transport { get; init; }

        public string? Address { get; init; }

        public string? Connection { get; init; }

        public double? ConnectMs { get; init; }

        public double? TlsMs { get; init; }

        public int? Reconnects { get; init; }

        public bool? Ad { get; init; }

        public bool? Rrsig { get; init; }

        public long? SoaSerial { get; init; }
    }

    private sealed record SummaryLine(
        string Type,
        string Target,
        string From,
        string To,
        int Sent,
        int Answered,
        double LossPct,
        double? MinMs,
        double? P50Ms,
        double? AvgMs,
        double? P95Ms,
        double? MaxMs,
        double? StddevMs,
        int Discarded,
        IReadOnlyList<IdentityCount> Identities);

    private sealed record IdentityCount(string Identity, int Count);
}
