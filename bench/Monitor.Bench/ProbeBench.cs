using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Monitor.Core.Domain;
using Monitor.Probing;

namespace Monitor.Bench;

/// <summary>
/// The probe engine next to the tools engineers trust, in one run: dnsperf's and Monitor's maximum
/// rate against the same NSD, then Monitor's and kdig's RTT against a responder with a known delay
/// at 10 probes/s, 1,000 probes/s and flat out. Monitor's UDP RTT ends at the kernel's receive stamp
/// (<see cref="DnsProberOptions.KernelTimestamps"/>); the last phase repeats the highest paced rate
/// with it off (the RTT ends when the receive's continuation runs), so one run shows both under the
/// same load.
/// </summary>
internal sealed partial class ProbeBench(BenchSettings settings, ResultTable results)
{
    private const string DnsperfPath = "/usr/bin/dnsperf";
    private const string KdigPath = "/usr/bin/kdig";
    private static readonly DnsQuestion Question = new(BenchNsd.QueryName, DnsClasses.IN, DnsTypes.A);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { DefaultTimeout = TimeSpan.FromSeconds(2) });
        await prober.WarmUpAsync(cancellationToken).ConfigureAwait(false);

        double dnsperfQps;
        using (var nsd = BenchNsd.Start())
        {
            dnsperfQps = await DnsperfAsync(nsd, cancellationToken).ConfigureAwait(false);
            var monitorRate = await MonitorMaxAsync(prober, nsd.EndPoint, cancellationToken).ConfigureAwait(false);
            if (dnsperfQps > 0)
            {
                var ratio = monitorRate / dnsperfQps;
                results.Add("probe", "Monitor max ÷ dnsperf max", ResultTable.Format(ratio, "0.00") + "×", "≥ 0.5×", ResultTable.Verdict(ratio >= 0.5));
            }
        }

        using var responder = new DelayResponder(settings.Delay);
        foreach (var (rate, seconds) in settings.Rates)
        {
            await TimingAsync(prober, responder, rate.ToString(CultureInfo.InvariantCulture) + "/s", rate, seconds, cancellationToken).ConfigureAwait(false);
        }

        await TimingAsync(prober, responder, "max", 0, settings.MaxRateSeconds, cancellationToken).ConfigureAwait(false);

        var (userRate, userSeconds) = settings.Rates[^1];
        var userSpace = new DnsProber(TimeProvider.System, new DnsProberOptions { DefaultTimeout = TimeSpan.FromSeconds(2), KernelTimestamps = false });
        await userSpace.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        await TimingAsync(userSpace, responder, userRate.ToString(CultureInfo.InvariantCulture) + "/s, kernel stamps off", userRate, userSeconds, cancellationToken, gated: false).ConfigureAwait(false);
    }

    private async Task<double> DnsperfAsync(BenchNsd nsd, CancellationToken cancellationToken)
    {
        if (!File.Exists(DnsperfPath))
        {
            results.Note("dnsperf is not installed: no peer figure");
            return 0;
        }

        var data = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(data, BenchNsd.QueryName + " A\n", cancellationToken).ConfigureAwait(false);
            var run = await ChildProcess.RunAsync(
                DnsperfPath,
                ["-s", "127.0.0.1", "-p", nsd.Port.ToString(CultureInfo.InvariantCulture), "-d", data, "-l", settings.PeerSeconds.ToString(CultureInfo.InvariantCulture), "-c", "4", "-T", "2", "-q", "200", "-t", "2"],
                TimeSpan.FromSeconds(settings.PeerSeconds + 30),
                cancellationToken).ConfigureAwait(false);
            var match = QpsPattern().Match(run.Output);
            var lost = LostPattern().Match(run.Output);
            if (!match.Success)
            {
                results.Note("dnsperf printed no rate: " + run.Output + run.Error);
                return 0;
            }

            var qps = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            results.Add("probe", $"dnsperf max qps vs NSD (www.bench.test A, {settings.PeerSeconds} s, 4 clients, 2 threads, 200 outstanding)", ResultTable.Format(qps, "0") + " qps" + (lost.Success ? $", lost {lost.Groups[1].Value}" : string.Empty));
            return qps;
        }
        finally
        {
            File.Delete(data);
        }
    }

    private async Task<double> MonitorMaxAsync(DnsProber prober, IPEndPoint server, CancellationToken cancellationToken)
    {
        var target = Target(server);
        var run = await ClosedLoopAsync(prober, target, settings.Concurrency, TimeSpan.FromSeconds(settings.PeerSeconds), cancellationToken).ConfigureAwait(false);
        var rate = run.Answered / run.Elapsed.TotalSeconds;
        var sorted = Stats.Sorted(run.RttsUs);
        results.Add(
            "probe",
            $"Monitor max probes/s vs NSD (same query, {settings.PeerSeconds} s, {settings.Concurrency} in flight)",
            string.Create(CultureInfo.InvariantCulture, $"{rate:0} probes/s, {run.Lost} lost, RTT p50 {Stats.Percentile(sorted, 50):0} µs p99 {Stats.Percentile(sorted, 99):0} µs"));
        return rate;
    }

    private async Task TimingAsync(DnsProber prober, DelayResponder responder, string label, int rate, int seconds, CancellationToken cancellationToken, bool gated = true)
    {
        var target = Target(responder.EndPoint);
        responder.ResetHolds();
        var kdig = KdigAsync(responder.EndPoint, cancellationToken);
        var run = rate > 0
            ? await PacedAsync(prober, target, rate, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false)
            : await ClosedLoopAsync(prober, target, settings.Concurrency, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        var kdigMs = await kdig.ConfigureAwait(false);
        var holds = Stats.Sorted(responder.HoldsMicroseconds());
        var truth = settings.Delay.TotalMicroseconds;
        var monitor = Stats.Sorted(run.RttsUs);
        var achieved = run.Sent / run.Elapsed.TotalSeconds;
        var bias = Stats.Percentile(monitor, 50) - truth;
        var added = Stats.Percentile(monitor, 99) - truth;
        gated = gated && rate == 1000;
        results.Add("timing", $"{label}: Monitor rate achieved (delay {truth / 1000:0} ms, {seconds} s)", string.Create(CultureInfo.InvariantCulture, $"{achieved:0} probes/s, {run.Answered} answered, {run.Lost} lost"));
        results.Add("timing", $"{label}: Monitor p50 bias vs truth", ResultTable.Format(bias, "0") + " µs", gated ? "within ±50 µs" : string.Empty, gated ? ResultTable.Verdict(Math.Abs(bias) <= 50) : string.Empty);
        results.Add("timing", $"{label}: Monitor added p99 (p99 − truth)", ResultTable.Format(added, "0") + " µs", gated ? "≤ 200 µs" : string.Empty, gated ? ResultTable.Verdict(added <= 200) : string.Empty);
        if (kdigMs.Length > 0)
        {
            var k = Stats.Sorted(kdigMs.Select(ms => ms * 1000));
            results.Add("timing", $"{label}: kdig p50 bias / added p99 vs truth ({k.Length} queries, 0.1 ms resolution)", string.Create(CultureInfo.InvariantCulture, $"{Stats.Percentile(k, 50) - truth:0} µs / {Stats.Percentile(k, 99) - truth:0} µs"));
            results.Add("timing", $"{label}: Monitor p50 − kdig p50", ResultTable.Format(Stats.Percentile(monitor, 50) - Stats.Percentile(k, 50), "0") + " µs");
        }

        if (holds.Length > 0)
        {
            results.Add("timing", $"{label}: responder's own hold error p50 / p99 (its timestamps)", string.Create(CultureInfo.InvariantCulture, $"{Stats.Percentile(holds, 50) - truth:0} µs / {Stats.Percentile(holds, 99) - truth:0} µs"));
        }
    }

    /// <summary>Probes sent on a fixed schedule, open loop: a late answer never delays the next probe.</summary>
    private static async Task<LoadRun> PacedAsync(DnsProber prober, Target target, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var rtts = new double[total];
        var tasks = new Task[total];
        var periodTicks = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * periodTicks);
                while (true)
                {
                    var remaining = due - Stopwatch.GetTimestamp();
                    if (remaining <= 0)
                    {
                        break;
                    }

                    if (remaining * 1000 / Stopwatch.Frequency > 2)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.SpinWait(50);
                    }
                }

                var slot = i;
                tasks[i] = ProbeIntoAsync(prober, target, rtts, slot, cancellationToken);
            }
        })
        { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.Run(pacer.Join, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var answered = rtts.Where(r => r > 0).ToArray();
        return new LoadRun(total, answered.Length, total - answered.Length, elapsed, answered);
    }

    private static async Task ProbeIntoAsync(DnsProber prober, Target target, double[] rtts, int slot, CancellationToken cancellationToken)
    {
        var m = await prober.ProbeAsync(target, "bench", cancellationToken).ConfigureAwait(false);
        rtts[slot] = m.Rtt is { } rtt && m.IsAnswered ? rtt.Ticks / 10.0 : -1;
    }

    /// <summary>Flat out: <paramref name="concurrency"/> probes always in flight until the time is up.</summary>
    private static async Task<LoadRun> ClosedLoopAsync(DnsProber prober, Target target, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<double>[concurrency];
        var lost = new int[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(
            async () =>
            {
                var mine = new List<double>(1 << 16);
                perWorker[w] = mine;
                while (Stopwatch.GetTimestamp() < end)
                {
                    var m = await prober.ProbeAsync(target, "bench", cancellationToken).ConfigureAwait(false);
                    if (m.IsAnswered && m.Rtt is { } rtt)
                    {
                        mine.Add(rtt.Ticks / 10.0);
                    }
                    else
                    {
                        lost[w]++;
                    }
                }
            },
            cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var rtts = perWorker.SelectMany(l => l).ToArray();
        return new LoadRun(rtts.Length + lost.Sum(), rtts.Length, lost.Sum(), elapsed, rtts);
    }

    /// <summary>kdig's own reported times (ms), one kdig process asking the questions one after another.</summary>
    private async Task<double[]> KdigAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        if (!File.Exists(KdigPath) || settings.KdigQueries == 0)
        {
            return [];
        }

        var args = new List<string> { "@" + server.Address, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "+notcp", "+retry=0", "+timeout=2", "+noedns" };
        for (var i = 0; i < settings.KdigQueries; i++)
        {
            args.Add(BenchNsd.QueryName);
            args.Add("A");
        }

        var run = await ChildProcess.RunAsync(KdigPath, args, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return [.. KdigTimePattern().Matches(run.Output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    private static Target Target(IPEndPoint server) => new("bench", server.Address)
    {
        Port = server.Port,
        Kind = TargetKind.Unicast,
        Query = Question,
        Identity = IdentityMethods.None,
    };

    [GeneratedRegex(@"Queries per second:\s+([0-9.]+)")]
    private static partial Regex QpsPattern();

    [GeneratedRegex(@"Queries lost:\s+(\S+ \([^)]*\))")]
    private static partial Regex LostPattern();

    [GeneratedRegex(@";; From .*? in ([0-9.]+) ms")]
    private static partial Regex KdigTimePattern();
}
