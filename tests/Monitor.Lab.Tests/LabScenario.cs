using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Testing;
using Monitor.Testing.Lab;

namespace Monitor.Lab.Tests;

/// <summary>
/// Runs the lab scenario once for the <see cref="LabScenarioTests"/>: the anycast lab, PostgreSQL,
/// <c>monitor server</c> on the host and one <c>monitor worker</c> inside each vantage point's namespace,
/// then a script of stable periods and events (withdraw and re-announce, a silent link failure, a site
/// that drops DNS and is then withdrawn, a latency change on one vantage point's link), and finally
/// <c>monitor analyze --json</c> over the whole run and over the windows around the latency change.
/// The lab, the workers and PostgreSQL are gone before the tests look at the results.
/// Which sites and vantage points the events hit is chosen from the routing truth, not hard-coded.
/// <para>
/// With <c>LAB_REPORT_DIR</c> set, <c>monitor report</c> of the run is written there (tests/lab/sample.sh).
/// </para>
/// </summary>
public sealed class LabScenario : IAsyncLifetime
{
    /// <summary>The probe interval of the workers.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The one-way delay the latency event adds to a vantage point's link.</summary>
    public static readonly TimeSpan AddedDelay = TimeSpan.FromMilliseconds(40);

    private readonly List<(Process Process, StringBuilder Output)> _processes = [];
    private readonly StringBuilder _log = new();
    private string _directory = "";

    /// <summary>Every event the scenario played, in order.</summary>
    public List<ScenarioEvent> Events { get; } = [];

    /// <summary>The routing truth over the run (the lab's <see cref="RouteLog"/>).</summary>
    public IReadOnlyList<RouteChange> Routes { get; private set; } = [];

    /// <summary>Lab facts the tests need after the lab is gone.</summary>
    public IReadOnlyList<LabSite> Sites { get; private set; } = [];

    /// <summary>The lab's links.</summary>
    public IReadOnlyList<LabLink> Links { get; private set; } = [];

    /// <summary>
    /// Per vantage point and family, the RTT (ms, best of five) to each site's own unicast address,
    /// measured by the lab itself (not by Monitor) during the first stable period: the reference for the
    /// nearest site.
    /// </summary>
    public Dictionary<(string Vantage, AddressFamily Family), Dictionary<string, double>> UnicastRtts { get; } = [];

    /// <summary>The vantage points.</summary>
    public IReadOnlyList<LabVantage> Vantages { get; private set; } = [];

    /// <summary>When the workers were all storing rounds: the start of the first stable period.</summary>
    public DateTimeOffset StableFrom { get; private set; }

    /// <summary>The analysis of the whole run.</summary>
    public JsonElement Analysis { get; private set; }

    /// <summary>The analysis of the first stable period (workers running, no event yet).</summary>
    public JsonElement Stable { get; private set; }

    /// <summary>The analysis of the stable window before the latency change.</summary>
    public JsonElement BeforeDelay { get; private set; }

    /// <summary>The analysis of the window with the added delay.</summary>
    public JsonElement DuringDelay { get; private set; }

    /// <summary>The vantage point whose link got the added delay.</summary>
    public string DelayedVantage { get; private set; } = "";

    /// <summary>How long the lab took to come up.</summary>
    public TimeSpan LabUpTime { get; private set; }

    /// <summary>A log of the run, for failure messages.</summary>
    public string Log => _log.ToString();

    /// <summary>Target id of the anycast address of a family.</summary>
    public static string Target(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "anycast-v6" : "anycast-v4";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _directory = Directory.CreateTempSubdirectory("monitor-labrun-").FullName;
        var clock = Stopwatch.StartNew();
        using var postgres = PostgresServer.Start();
        var db = postgres.CreateDatabase(unixSocket: true);
        Note($"postgres up at {clock.Elapsed.TotalSeconds:0.0} s");
        await using (var lab = await AnycastLab.StartAsync(new LabOptions { WorkDirectory = Path.Combine(_directory, "lab") }, ct))
        {
            try
            {
                LabUpTime = lab.UpTime;
                Sites = lab.Sites;
                Links = lab.Links;
                Vantages = lab.Vantages;
                Note($"lab {lab.Prefix} up in {lab.UpTime.TotalSeconds:0.0} s");
                await PlayAsync(lab, db, ct);
            }
            finally
            {
                Routes = lab.RouteLog.Changes;
                foreach (var r in Routes)
                {
                    Note($"route {r.At:HH:mm:ss.fff} {r.VantageId} {r.Family} -> {r.SiteId ?? "(none)"}");
                }

                await StopProcessesAsync();
            }
        }

        Analysis = await AnalyzeAsync(db, null, null, ct);
        Stable = await AnalyzeAsync(db, StableFrom, Events[0].At, ct);
        var delay = Events.Single(e => e.Kind == "delay");
        BeforeDelay = await AnalyzeAsync(db, delay.At - TimeSpan.FromSeconds(10), delay.At, ct);
        DuringDelay = await AnalyzeAsync(db, delay.At + Interval, delay.At + TimeSpan.FromSeconds(16), ct);
        if (Environment.GetEnvironmentVariable("LAB_REPORT_DIR") is { Length: > 0 } reportDirectory)
        {
            var report = await MonitorAsync(ct, "report", "--db", db, "--out", reportDirectory, "--title", "Monitor on a simulated anycast network (tests/lab)");
            Note(report);
        }

        Note($"scenario done in {clock.Elapsed.TotalSeconds:0.0} s");
        if (Environment.GetEnvironmentVariable("LAB_REPORT_DIR") is { Length: > 0 } logDirectory)
        {
            // The timeline next to the report: every event and every change of the routing truth.
            var header = string.Create(CultureInfo.InvariantCulture, $"# lab up in {LabUpTime.TotalSeconds:0.0} s; probe interval {Interval.TotalSeconds:0} s; scenario {clock.Elapsed.TotalSeconds:0} s\n");
            await File.WriteAllTextAsync(Path.Combine(logDirectory, "scenario.log"), header + Timeline(), ct);
        }

        TestContext.Current.SendDiagnosticMessage(Log);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The events and the routing truth's changes, in time order.</summary>
    public string Timeline() => string.Join('\n', Events.Select(e => (e.At, Line: $"event  {e.Kind} {e.Subject}"))
        .Concat(Routes.Select(r => (r.At, Line: $"truth  {r.VantageId} {(r.Family == AddressFamily.InterNetwork ? "v4" : "v6")} -> {r.SiteId ?? "(no route)"}")))
        .OrderBy(x => x.At)
        .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.At:yyyy-MM-ddTHH:mm:ss.fffZ} {x.Line}"))) + "\n";

    private async Task PlayAsync(AnycastLab lab, string db, CancellationToken ct)
    {
        var monitor = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
        var config = Path.Combine(_directory, "targets.yaml");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            # The lab's targets: the anycast service on both families and the unicast server.
            interval: {(int)Interval.TotalSeconds}s
            timeout: 1s
            rate_limit: 10
            burst:
              interval: 200ms
              limit: 30s
            targets:
              - id: anycast-v4
                provider: lab-anycast
                address: {lab.AnycastV4}
                kind: anycast
                sites:
            {Sites4(lab)}
              - id: anycast-v6
                provider: lab-anycast
                address: {lab.AnycastV6}
                kind: anycast
                sites:
            {Sites6(lab)}
              - id: unicast-v4
                provider: lab-unicast
                address: {lab.UnicastServer.V4}
                kind: unicast
            """), ct);

        Start(Dotnet(monitor, "server", "--db", db, "--config", config));
        await Task.Delay(1000, ct);
        foreach (var v in lab.Vantages)
        {
            Start(lab.StartInfo(v.Id, "/usr/bin/env", "dotnet", monitor, "worker", "--db", db, "--vantage", v.Id,
                "--city", v.City, "--country", v.Country,
                "--latitude", v.Latitude.ToString(CultureInfo.InvariantCulture), "--longitude", v.Longitude.ToString(CultureInfo.InvariantCulture),
                "--spool", Path.Combine(_directory, "spool-" + v.Id)));
        }

        await WaitForRoundsAsync(lab, db, 3, ct);
        StableFrom = DateTimeOffset.UtcNow;
        Note($"workers storing rounds at {StableFrom:HH:mm:ss.fff}");
        await MeasureUnicastRttsAsync(lab, ct);
        await Task.Delay(TimeSpan.FromSeconds(10), ct);

        // Which sites serve which vantage points decides where the events go: the site serving the most
        // vantage points is withdrawn (a multi-VP event), the next one loses its transit link silently,
        // the third drops DNS (a black hole) before it is withdrawn.
        var serving = new Dictionary<string, string>();
        foreach (var v in lab.Vantages)
        {
            serving[v.Id] = await lab.ServingSiteAsync(v.Id, ct) ?? throw new InvalidOperationException($"{v.Id} has no route");
        }

        var bySize = serving.Values.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        Assert.True(bySize.Count >= 3, $"the scenario needs three sites serving vantage points; the truth is {string.Join(", ", serving)}");
        var (withdrawn, unlinked, blackholed) = (bySize[0], bySize[1], bySize[2]);

        // 1. Withdraw and re-announce.
        await DoAsync("withdraw", withdrawn, () => lab.WithdrawAsync(withdrawn, ct));
        await SettledAsync(lab, v => serving[v] != withdrawn || lab.RouteLog.Current(v) != withdrawn, ct);
        await DoAsync("announce", withdrawn, () => lab.AnnounceAsync(withdrawn, ct));
        await SettledAsync(lab, v => lab.RouteLog.Current(v) == serving[v], ct);

        // 2. The site's link to its transit fails silently (BGP notices by its hold timer), then comes back.
        var link = lab.Links.First(l => l.A == unlinked || l.B == unlinked).Id;
        await DoAsync("fail-link", link, () => lab.FailLinkAsync(link, ct));
        await SettledAsync(lab, v => serving[v] != unlinked || lab.RouteLog.Current(v) != unlinked, ct);
        await DoAsync("restore-link", link, () => lab.RestoreLinkAsync(link, ct));
        await SettledAsync(lab, v => lab.RouteLog.Current(v) == serving[v], ct);

        // 3. A black hole: DNS dropped while the routes stay (an outage), then the operator withdraws (a shift).
        await DoAsync("dns-drop", blackholed, () => lab.StopDnsAsync(blackholed, DnsStopMode.Drop, ct));
        await Task.Delay(5 * Interval, ct);
        await DoAsync("withdraw", blackholed, () => lab.WithdrawAsync(blackholed, ct));
        await SettledAsync(lab, v => serving[v] != blackholed || lab.RouteLog.Current(v) != blackholed, ct);
        await DoAsync("dns-start", blackholed, () => lab.StartDnsAsync(blackholed, ct));
        await DoAsync("announce", blackholed, () => lab.AnnounceAsync(blackholed, ct));
        await SettledAsync(lab, v => lab.RouteLog.Current(v) == serving[v], ct);

        // 4. Latency: one vantage point's access link gets slower; nothing else changes.
        var vantage = lab.Vantages[0];
        DelayedVantage = vantage.Id;
        var access = lab.Links.Single(l => l.A == vantage.Id || l.B == vantage.Id);
        await DoAsync("delay", access.Id, () => lab.SetLinkDelayAsync(access.Id, access.Delay + AddedDelay, ct));
        await Task.Delay(TimeSpan.FromSeconds(17), ct);
        await DoAsync("undelay", access.Id, () => lab.SetLinkDelayAsync(access.Id, access.Delay, ct));
        await Task.Delay(3 * Interval, ct);
    }

    private static string Sites4(AnycastLab lab) => string.Join('\n', lab.Sites.Select(s => $"      - {{id: {s.Id}, address: {s.UnicastV4}}}"));

    private static string Sites6(AnycastLab lab) => string.Join('\n', lab.Sites.Select(s => $"      - {{id: {s.Id}, address: '{s.UnicastV6}'}}"));

    /// <summary>
    /// The RTT to every site's unicast address from every vantage point as kdig (Knot) reports it, run
    /// inside the vantage point's namespace: an independent tool's view of the nearest site (best of five).
    /// </summary>
    private async Task MeasureUnicastRttsAsync(AnycastLab lab, CancellationToken ct)
    {
        foreach (var v in lab.Vantages)
        {
            foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                var rtts = new Dictionary<string, double>();
                foreach (var site in lab.Sites)
                {
                    var address = family == AddressFamily.InterNetwork ? site.UnicastV4 : site.UnicastV6;
                    var best = double.MaxValue;
                    for (var i = 0; i < 5; i++)
                    {
                        using var kdig = Process.Start(lab.StartInfo(v.Id, "kdig", "@" + address, "+retry=0", "+timeout=1", "id.server", "CH", "TXT"))!;
                        var output = await kdig.StandardOutput.ReadToEndAsync(ct);
                        await kdig.WaitForExitAsync(ct);
                        var match = Regex.Match(output, @"\) in ([0-9.]+) ms");
                        if (match.Success)
                        {
                            best = Math.Min(best, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                        }
                    }

                    rtts[site.Id] = best;
                }

                UnicastRtts[(v.Id, family)] = rtts;
                Note($"kdig RTTs from {v.Id} {family}: {string.Join(", ", rtts.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:0.0} ms")))}");
            }
        }
    }

    private async Task DoAsync(string kind, string subject, Func<Task> action)
    {
        var at = DateTimeOffset.UtcNow;
        await action();
        Events.Add(new ScenarioEvent(kind, subject, at));
        Note($"event {at:HH:mm:ss.fff} {kind} {subject}");
    }

    /// <summary>Waits until the routing truth satisfies <paramref name="done"/> for every vantage point, then a stable period.</summary>
    private async Task SettledAsync(AnycastLab lab, Func<string, bool> done, CancellationToken ct)
    {
        var ok = await lab.RouteLog.WaitForAsync(_ => lab.Vantages.All(v => done(v.Id)), TimeSpan.FromSeconds(30), ct);
        Assert.True(ok, "the routing did not reach the expected state within 30 s\n" + Log);
        await Task.Delay(7 * Interval, ct);
    }

    private static async Task WaitForRoundsAsync(AnycastLab lab, string db, int rounds, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        await using var store = await SqlMeasurementStore.OpenAsync(new PostgresDialect(db), TimeProvider.System, ct);
        foreach (var v in lab.Vantages)
        {
            while ((await store.ReadRoundsAsync(new MeasurementQuery { VantageId = v.Id }, ct)).Count < rounds)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"{v.Id} stored fewer than {rounds} rounds within 90 s");
                await Task.Delay(500, ct);
            }
        }
    }

    private async Task<JsonElement> AnalyzeAsync(string db, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        List<string> args = ["analyze", "--db", db, "--json", "--sites", Path.Combine(AnycastLab.LabFolder, "sites.yaml")];
        if (from is { } f)
        {
            args.AddRange(["--from", f.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)]);
        }

        if (to is { } t)
        {
            args.AddRange(["--to", t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)]);
        }

        var output = await MonitorAsync(ct, [.. args]);
        File.WriteAllText(Path.Combine(_directory, $"analysis-{from:HHmmss}.json"), output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<string> MonitorAsync(CancellationToken ct, params string[] args)
    {
        using var process = Process.Start(Dotnet(Path.Combine(AppContext.BaseDirectory, "monitor.dll"), args))!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"monitor {args[0]} exited {process.ExitCode}: {await error}");
        return await output;
    }

    private static ProcessStartInfo Dotnet(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    private void Start(ProcessStartInfo start)
    {
        var started = CapturedProcess.Start(start);
        _processes.Add(started);
    }

    /// <summary>SIGTERM (each lets its round in flight finish), then SIGKILL for any still running after 15 s.</summary>
    private async Task StopProcessesAsync()
    {
        foreach (var (process, _) in _processes.Where(p => !p.Process.HasExited))
        {
            using var kill = Process.Start("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        foreach (var (process, output) in _processes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            lock (output)
            {
                var text = output.ToString();
                Note($"process {process.Id} ({(process.HasExited ? process.ExitCode : -1)}): {(text.Length > 3000 ? text[^3000..] : text)}");
            }

            process.Dispose();
        }
    }

    private void Note(string line)
    {
        lock (_log)
        {
            _log.AppendLine(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
