using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Monitor.Testing.Lab;

/// <summary>
/// A simulated anycast network in network namespaces, built by <c>tests/lab/lab.sh</c> (the one
/// description of the topology; this class reads it back from the <c>lab.json</c> the script writes):
/// three real NSD sites on one anycast address (IPv4 and IPv6) announced with real bird2 eBGP to transit
/// routers, four vantage points, one unicast server, every link emulated by Monitor.LabRelay.
/// <para>
/// Only the lab's own namespaces (prefix <see cref="Prefix"/>) and the processes inside them are ever
/// touched; <see cref="DisposeAsync"/> removes them, and so does process exit. Routing truth is read from
/// the routers' BGP tables, never assumed.
/// </para>
/// </summary>
public sealed class AnycastLab : IAsyncDisposable
{
    private const string IpPath = "/usr/sbin/ip";
    private static int s_labs;
    private readonly string _script;
    private readonly string? _relay;
    private readonly bool _ownsDirectory;
    private readonly Dictionary<string, BirdClient> _birds = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly EventHandler _onExit;
    private Task? _poll;
    private int _disposed;

    private AnycastLab(string script, string directory, string prefix, string? relay, bool ownsDirectory)
    {
        _script = script;
        Directory = directory;
        Prefix = prefix;
        _relay = relay;
        _ownsDirectory = ownsDirectory;
        _onExit = (_, _) => Down();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>The prefix of every namespace of this lab.</summary>
    public string Prefix { get; }

    /// <summary>The lab's state directory: configs, logs (<c>*.bird.log</c>, <c>*.nsd/nsd.log</c>, <c>relay.log</c>), control sockets.</summary>
    public string Directory { get; }

    /// <summary>The anycast IPv4 address every site's NSD listens on.</summary>
    public IPAddress AnycastV4 { get; private set; } = IPAddress.None;

    /// <summary>The anycast IPv6 address every site's NSD listens on.</summary>
    public IPAddress AnycastV6 { get; private set; } = IPAddress.IPv6None;

    /// <summary>The anycast sites.</summary>
    public IReadOnlyList<LabSite> Sites { get; private set; } = [];

    /// <summary>The vantage points.</summary>
    public IReadOnlyList<LabVantage> Vantages { get; private set; } = [];

    /// <summary>Every link (all emulated by the relay).</summary>
    public IReadOnlyList<LabLink> Links { get; private set; } = [];

    /// <summary>The unicast server.</summary>
    public LabUnicastServer UnicastServer { get; private set; } = null!;

    /// <summary>How long <see cref="StartAsync"/> took until BGP had converged and every vantage point got an answer.</summary>
    public TimeSpan UpTime { get; private set; }

    /// <summary>The routing truth over time, polled in the background from start to dispose.</summary>
    public RouteLog RouteLog { get; } = new();

    /// <summary>
    /// Builds the lab and waits until BGP has converged and every vantage point gets an answer from some
    /// site on both anycast addresses. Skips (or fails under CI) without root, ip, bird, birdc, nsd or nft.
    /// </summary>
    public static async Task<AnycastLab> StartAsync(LabOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Requires.Executable(IpPath, "iproute2");
        Requires.Executable("/usr/sbin/bird", "bird2");
        Requires.Executable("/usr/sbin/birdc", "bird2");
        Requires.Executable("/usr/sbin/nsd", "nsd");
        Requires.Executable("/usr/sbin/nft", "nftables");
        if (Environment.UserName != "root")
        {
            const string message = "the anycast lab needs root (network namespaces)";
            if (Requires.InCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var script = FindScript();
        var prefix = options.Prefix ?? string.Create(CultureInfo.InvariantCulture, $"mlab{Environment.ProcessId}-{Interlocked.Increment(ref s_labs)}-");
        var ownsDirectory = options.WorkDirectory is null;
        var directory = options.WorkDirectory ?? System.IO.Directory.CreateTempSubdirectory("monitor-lab-").FullName;
        var relay = options.RelayPath ?? FindRelay();
        var lab = new AnycastLab(script, Path.GetFullPath(directory), prefix, relay, ownsDirectory);
        var clock = Stopwatch.StartNew();
        try
        {
            // Leftovers of lab runs whose process is gone (a crash, kill -9) go first.
            await lab.ScriptAsync(cancellationToken, "down", "--stale");
            await lab.ScriptAsync(cancellationToken, "up");
            lab.Load();
            await lab.WaitUntilReachableAsync(options.ConvergenceTimeout, cancellationToken);
            lab.UpTime = clock.Elapsed;
            await lab.PollOnceAsync(cancellationToken);
            lab._poll = lab.PollAsync(options.RouteLogInterval);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A site by id.</summary>
    public LabSite Site(string siteId) => Sites.FirstOrDefault(s => s.Id == siteId) ?? throw new ArgumentException($"no site '{siteId}'", nameof(siteId));

    /// <summary>A vantage point by id.</summary>
    public LabVantage Vantage(string vantageId) => Vantages.FirstOrDefault(v => v.Id == vantageId) ?? throw new ArgumentException($"no vantage point '{vantageId}'", nameof(vantageId));

    /// <summary>
    /// The routing truth now: the site the best BGP route of the vantage point's router leads to for the
    /// anycast address of <paramref name="family"/> (its origin AS mapped to a site); null without a route.
    /// </summary>
    public async Task<string?> ServingSiteAsync(string vantageId, AddressFamily family, CancellationToken cancellationToken)
    {
        var vantage = Vantage(vantageId);
        var address = family == AddressFamily.InterNetworkV6 ? AnycastV6 : AnycastV4;
        var reply = await _birds[vantage.Router].CommandAsync($"show route for {address} primary all", cancellationToken);
        var path = reply.FirstOrDefault(l => l.Contains("BGP.as_path:", StringComparison.Ordinal));
        if (path is null)
        {
            return null;
        }

        var origin = path[(path.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return Sites.FirstOrDefault(s => s.Asn.ToString(CultureInfo.InvariantCulture) == origin)?.Id;
    }

    /// <summary>The IPv4 routing truth now (see <see cref="ServingSiteAsync(string, AddressFamily, CancellationToken)"/>).</summary>
    public Task<string?> ServingSiteAsync(string vantageId, CancellationToken cancellationToken) =>
        ServingSiteAsync(vantageId, AddressFamily.InterNetwork, cancellationToken);

    /// <summary>
    /// Sends one <c>id.server CH TXT</c> query from inside the vantage point's namespace to
    /// <paramref name="server"/> port 53 and returns the identity that answered, or null (no answer within
    /// <paramref name="timeout"/>). The data plane's view, next to the control plane's <see cref="ServingSiteAsync(string, CancellationToken)"/>.
    /// </summary>
    public Task<string?> QueryIdentityAsync(string vantageId, IPAddress server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        return NamespaceSocket.QueryIdServerAsync(Vantage(vantageId).Namespace, server, timeout, cancellationToken);
    }

    /// <summary>Stops announcing the anycast prefixes from a site (its unicast address stays announced).</summary>
    public Task WithdrawAsync(string siteId, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "withdraw", Site(siteId).Id);

    /// <summary>Announces the anycast prefixes from a site again.</summary>
    public Task AnnounceAsync(string siteId, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "announce", Site(siteId).Id);

    /// <summary>Announces the site's anycast prefixes with <paramref name="count"/> extra copies of its AS (0 undoes it).</summary>
    public Task PrependAsync(string siteId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ScriptAsync(cancellationToken, "prepend", Site(siteId).Id, count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Takes a site's DNS down while its routes stay announced.</summary>
    public Task StopDnsAsync(string siteId, DnsStopMode mode, CancellationToken cancellationToken) =>
        ScriptAsync(cancellationToken, "dns-stop", Site(siteId).Id, mode == DnsStopMode.Drop ? "drop" : "refuse");

    /// <summary>Undoes <see cref="StopDnsAsync"/>.</summary>
    public Task StartDnsAsync(string siteId, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "dns-start", Site(siteId).Id);

    /// <summary>Sets a link's one-way delay in each direction (the round trip over it grows by twice that).</summary>
    public Task SetLinkDelayAsync(string linkId, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return ScriptAsync(cancellationToken, "delay", Link(linkId).Id, delay.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture));
    }

    /// <summary>Fails a link silently: every frame is dropped, the interfaces stay up, BGP notices only by its hold timer (6 s).</summary>
    public Task FailLinkAsync(string linkId, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "fail", Link(linkId).Id);

    /// <summary>Undoes <see cref="FailLinkAsync"/>.</summary>
    public Task RestoreLinkAsync(string linkId, CancellationToken cancellationToken) => ScriptAsync(cancellationToken, "restore", Link(linkId).Id);

    /// <summary>A start description that runs <paramref name="file"/> inside a node's namespace (a vantage point id, a site id, a router or <c>uni</c>).</summary>
    public ProcessStartInfo StartInfo(string node, string file, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(IpPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", Prefix + node, file, .. args])
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    /// <summary>Stops the route log and removes every namespace and process of the lab.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_poll is not null)
        {
            try
            {
                await _poll;
            }
            catch (OperationCanceledException)
            {
            }
        }

        foreach (var bird in _birds.Values)
        {
            bird.Dispose();
        }

        Down();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        _stop.Dispose();
        if (_ownsDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private LabLink Link(string linkId) => Links.FirstOrDefault(l => l.Id == linkId) ?? throw new ArgumentException($"no link '{linkId}'", nameof(linkId));

    private void Down()
    {
        using var process = Process.Start(ScriptStart("down"))!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000);
    }

    private ProcessStartInfo ScriptStart(params string[] args)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LAB_DIR"] = Directory;
        start.Environment["LAB_PREFIX"] = Prefix;
        if (_relay is not null)
        {
            start.Environment["LAB_RELAY"] = _relay;
        }

        return start;
    }

    private async Task ScriptAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(ScriptStart(args))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab.sh {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private void Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "lab.json")));
        var root = json.RootElement;
        static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;
        static IPAddress A(JsonElement e, string name) => IPAddress.Parse(S(e, name));
        AnycastV4 = A(root, "anycast4");
        AnycastV6 = A(root, "anycast6");
        var u = root.GetProperty("unicast");
        UnicastServer = new LabUnicastServer(S(u, "id"), S(u, "namespace"), A(u, "v4"), A(u, "v6"), S(u, "identity"), S(u, "nsid"));
        Sites = [.. root.GetProperty("sites").EnumerateArray().Select(s => new LabSite(
            S(s, "id"), s.GetProperty("asn").GetInt32(), S(s, "namespace"), A(s, "v4"), A(s, "v6"), S(s, "identity"), S(s, "nsid"),
            S(s, "transit"), S(s, "city"), S(s, "country"), s.GetProperty("latitude").GetDouble(), s.GetProperty("longitude").GetDouble()))];
        Vantages = [.. root.GetProperty("vantages").EnumerateArray().Select(v => new LabVantage(
            S(v, "id"), S(v, "namespace"), S(v, "router"), S(v, "city"), S(v, "country"),
            v.GetProperty("latitude").GetDouble(), v.GetProperty("longitude").GetDouble(), A(v, "v4"), A(v, "v6")))];
        Links = [.. root.GetProperty("links").EnumerateArray().Select(l => new LabLink(
            S(l, "id"), S(l, "a"), S(l, "b"), TimeSpan.FromMilliseconds(l.GetProperty("delay_ms").GetDouble())))];
        foreach (var r in root.GetProperty("routers").EnumerateArray())
        {
            _birds[S(r, "id")] = new BirdClient(S(r, "socket"));
        }
    }

    private async Task WaitUntilReachableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        foreach (var vantage in Vantages)
        {
            foreach (var address in (IPAddress[])[AnycastV4, AnycastV6])
            {
                while (await QueryIdentityAsync(vantage.Id, address, TimeSpan.FromSeconds(1), cancellationToken) is null)
                {
                    if (DateTimeOffset.UtcNow > deadline)
                    {
                        throw new TimeoutException($"{vantage.Id} got no answer from {address} within {timeout} (logs in {Directory})");
                    }

                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var vantage in Vantages)
        {
            foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
            {
                var site = await ServingSiteAsync(vantage.Id, family, cancellationToken);
                RouteLog.Record(DateTimeOffset.UtcNow, vantage.Id, family, site);
            }
        }

        RouteLog.Polled(DateTimeOffset.UtcNow);
    }

    private async Task PollAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await PollOnceAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
            {
                // A router busy reconfiguring: the next tick asks again.
            }
        }
    }

    /// <summary>The lab's folder (<c>tests/lab/</c>): lab.sh and the lab's site rules, <c>sites.yaml</c>.</summary>
    public static string LabFolder => Path.GetDirectoryName(FindScript())!;

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "tests", "lab", "lab.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException("tests/lab/lab.sh not found above " + AppContext.BaseDirectory);
    }

    private static string? FindRelay()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var tests = Path.GetDirectoryName(Path.GetDirectoryName(FindScript()))!;
        var dll = Path.Combine(tests, "Monitor.LabRelay", "bin", configuration, "net10.0", "Monitor.LabRelay.dll");
        return File.Exists(dll) ? dll : null;
    }
}
