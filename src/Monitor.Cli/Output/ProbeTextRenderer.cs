using System.Globalization;

using Monitor.Cli.Commands;
using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;

namespace Monitor.Cli.Output;

/// <summary>Human output: a line per probe, then one table comparing the targets and their identities.</summary>
internal sealed class ProbeTextRenderer(TextWriter output) : IProbeRenderer
{
    private int _labelWidth = 16;

    public void Start(IReadOnlyList<Target> targets, int count, TimeSpan interval, TimeSpan timeout)
    {
        _labelWidth = Math.Max(16, targets.Max(t => Formats.Label(t).Length));
        var first = targets[0];
        var countText = count == 0 ? "until Ctrl-C" : count.ToString(CultureInfo.InvariantCulture) + " probes each";
        output.WriteLine(
            $"PROBE {targets.Count} target(s), {Formats.Question(first.Query)} over {first.Transport.ToString().ToUpperInvariant()}, " +
            $"identity {IdentityText.Format(first.Identity)}, {countText}, interval {DurationText.Format(interval)}, timeout {DurationText.Format(timeout)}");
    }

    public void Probe(int sequence, Target target, Measurement measurement)
    {
        var label = Formats.Label(target).PadRight(_labelWidth);
        var seq = sequence.ToString(CultureInfo.InvariantCulture).PadLeft(5);
        var line = measurement.Outcome switch
        {
            ProbeOutcome.Answered =>
                $"{seq}  {label}  {Formats.Ms(measurement.Rtt?.TotalMilliseconds),10} ms  {DnsRcodes.Name(measurement.Rcode ?? 0),-8}  {Identity(measurement)}",
            ProbeOutcome.Timeout => $"{seq}  {label}  {"timeout",13}",
            _ => $"{seq}  {label}  {Formats.Outcome(measurement.Outcome),13}  {measurement.Error}",
        };
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

    public void Summary(IReadOnlyList<(Target Target, ProbeSummary Summary)> summaries, DateTimeOffset from, DateTimeOffset to)
    {
        output.WriteLine();
        output.WriteLine($"--- summary, {Formats.Utc(from)} to {Formats.Utc(to)} (RTT in ms over answered probes) ---");
        output.WriteLine(
            $"{"target".PadRight(_labelWidth)}  {"sent",5} {"answered",8} {"loss%",6} {"min",9} {"p50",9} {"avg",9} {"p95",9} {"max",9} {"stddev",9}");
        foreach (var (target, summary) in summaries)
        {
            var l = summary.Latency;
            output.WriteLine(
                $"{Formats.Label(target).PadRight(_labelWidth)}  {l.Sent,5} {l.Answered,8} {l.LossPercent.ToString("0.0", CultureInfo.InvariantCulture),6} " +
                $"{Formats.Ms(l.MinMs),9} {Formats.Ms(l.P50Ms),9} {Formats.Ms(l.MeanMs),9} {Formats.Ms(l.P95Ms),9} {Formats.Ms(l.MaxMs),9} {Formats.Ms(l.StdDevMs),9}");
        }

        output.WriteLine();
        output.WriteLine("identities seen (probes):");
        foreach (var (target, summary) in summaries)
        {
            if (summary.Identities.Count == 0)
            {
                output.WriteLine($"  {Formats.Label(target).PadRight(_labelWidth)}  (none)");
                continue;
            }

            foreach (var (identity, count) in summary.Identities)
            {
                output.WriteLine($"  {Formats.Label(target).PadRight(_labelWidth)}  {count,5}  {identity}");
            }

            if (summary.Identities.Count > 1)
            {
                output.WriteLine($"  {Formats.Label(target).PadRight(_labelWidth)}  note: {summary.Identities.Count} different identities: the answering node changed during the run");
            }
        }
    }

    private static string Identity(Measurement measurement) =>
        measurement.Identity.IsEmpty ? "-" : measurement.Identity.ToString();
}
