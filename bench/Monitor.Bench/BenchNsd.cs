using System.Net;

using Monitor.Testing;

namespace Monitor.Bench;

/// <summary>
/// A real NSD on 127.0.0.1 serving the zone <c>bench.test</c> (so that dnsperf and Monitor both ask
/// <c>www.bench.test A</c> and get a real answer), rate limiting off, one server process: the tests'
/// <see cref="NsdServer"/> with a zone.
/// </summary>
internal sealed class BenchNsd : IDisposable
{
    public const string Zone = "bench.test";
    public const string QueryName = "www.bench.test";

    private const string ZoneText = """
        $ORIGIN bench.test.
        $TTL 3600
        @    IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
        @    IN NS  ns1
        ns1  IN A   127.0.0.1
        www  IN A   192.0.2.1

        """;

    private readonly NsdServer _server;

    private BenchNsd(NsdServer server) => _server = server;

    public int Port => _server.Port;

    public IPEndPoint EndPoint => _server.V4;

    public int ProcessId => _server.ProcessId;

    public static BenchNsd Start() => new(NsdServer.Start("bench1", "bench1", null, null, new NsdZone(Zone, ZoneText)));

    public void Dispose() => _server.Dispose();
}
