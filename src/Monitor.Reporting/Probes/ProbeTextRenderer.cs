using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;

namespace Monitor.Reporting.Probes;

/// <summary>Human output: a line per probe, then one table comparing the targets and their identities.</summary>
public sealed class ProbeTextRenderer(TextWriter output) : IProbeRenderer
{
    private int _labelWidth = 16;

    /// <inheritdoc />
    public void Start(IReadOnlyList<Target> targets, int count, TimeSpan interval, TimeSpan timeout)
    {
        _labelWidth = Math.Max(16, targets.Max(t => EndpointText.Format(t).Length));
        var first = targets[0];
        var countText = count == 0 ? "until Ctrl-C" : count.ToString(CultureInfo.InvariantCulture) + " probes each";
        output.WriteLine(
            $"PROBE {targets.Count} target(s), {DnsNames.Question(first.Query)} over {first.Transport.ToString().ToUpperInvariant()}, " +
            $"identity {IdentityText.Format(first.Identity)}, {countText}, interval {DurationText.Format(interval)}, timeout {DurationText.Format(timeout)}");
    }

    /// <inheritdoc />
    public void Probe(int sequence, Target target, Measurement measurement)
    {
        var label = (target.HostName is not null && measurement.Address is { } address
            ? $"{EndpointText.Format(target)} ({address})"
            : EndpointText.Format(target)).PadRight(_labelWidth);
        var seq = sequence.ToString(CultureInfo.InvariantCulture).PadLeft(5);
        var line = measurement.Outcome switch
        {
            ProbeOutcome.Answered =>
                $"{seq}  {label}  {OutputWords.Ms(measurement.Rtt?.TotalMilliseconds),10} ms  {DnsRcodes.Name(measurement.Rcode ?? 0),-8}  {Identity(measurement)}",
            ProbeOutcome.Timeout => $"{seq}  {label}  {"timeout",13}",
            _ => $"{seq}  {label}  {OutputWords.Outcome(measurement.Outcome),13}  {measurement.Error}",
        };
        line += Extras(measurement);
        if (measurement.Truncated)
        {
            line += "  (TC: truncated)";
        }

        if (measurement.Discarded > 0)
        {
            line += $"  ({measurement.Discarded} non-matching packet(s) discarded)";
        }

        output.WriteLine(line.TrimEnd());
    }

    /// <inheritdoc />
    public void Summary(IReadOnlyList<(Target Target, ProbeSummary Summary)> summaries, DateTimeOffset first, DateTimeOffset last)
    {
        output.WriteLine();
        output.WriteLine($"--- summary, {OutputWords.Utc(first)} to {OutputWords.Utc(last)} (RTT in ms over answered probes) ---");
        output.WriteLine(
            $"{"target".PadRight(_labelWidth)}  {"sent",5} {"answered",8} {"loss%",6} {"min",9} {"p50",9} {"avg",9} {"p95",9} {"max",9} {"stddev",9}");
        foreach (var (target, summary) in summaries)
        {
            var l = summary.Latency;
            output.WriteLine(
                $"{EndpointText.Format(target).PadRight(_labelWidth)}  {l.Sent,5} {l.Answered,8} {l.LossPercent.ToString("0.0", CultureInfo.InvariantCulture),6} " +
                $"{OutputWords.Ms(l.MinMs),9} {OutputWords.Ms(l.P50Ms),9} {OutputWords.Ms(l.MeanMs),9} {OutputWords.Ms(l.P95Ms),9} {OutputWords.Ms(l.MaxMs),9} {OutputWords.Ms(l.StdDevMs),9}");
        }

        output.WriteLine();
        output.WriteLine("identities seen (probes):");
        foreach (var (target, summary) in summaries)
        {
            if (summary.Identities.Count == 0)
            {
                output.WriteLine($"  {EndpointText.Format(target).PadRight(_labelWidth)}  (none)");
                continue;
            }

            foreach (var (identity, count) in summary.Identities)
            {
                output.WriteLine($"  {EndpointText.Format(target).PadRight(_labelWidth)}  {count,5}  {identity}");
            }

            if (summary.Identities.Count > 1)
            {
                output.WriteLine($"  {EndpointText.Format(target).PadRight(_labelWidth)}  note: {summary.Identities.Count} different identities: the answering node changed during the run");
            }
        }
    }

    /// <summary>Connection times, DNSSEC flags, SOA serial and the address a host name went to, where they apply.</summary>
    private static string Extras(Measurement m)
    {
        var parts = new List<string>();
        if (m.ConnectTime is { } connect)
        {
            parts.Add($"connect {OutputWords.Ms(connect.TotalMilliseconds)} ms");
        }

        if (m.TlsTime is { } tls)
        {
            parts.Add($"tls {OutputWords.Ms(tls.TotalMilliseconds)} ms");
        }

        if (m.Reconnects is > 0)
        {
            parts.Add($"reconnected {m.Reconnects.Value.ToString(CultureInfo.InvariantCulture)}x");
        }

        if (m.AuthenticData is { } ad)
        {
            parts.Add(ad ? "AD" : "no AD");
        }

        if (m.RrsigSeen is { } rrsig)
        {
            parts.Add(rrsig ? "RRSIG" : "no RRSIG");
        }

        if (m.SoaSerial is { } serial)
        {
            parts.Add("serial " + serial.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : "  (" + string.Join(", ", parts) + ")";
    }

    private static string Identity(Measurement measurement) =>
        measurement.Identity.IsEmpty ? "-" : measurement.Identity.ToString();
}
