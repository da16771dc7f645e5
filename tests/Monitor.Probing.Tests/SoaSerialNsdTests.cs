using System.Globalization;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>
/// The SOA serial each node serves: two real NSD "sites" of one zone on one port, at 127.0.0.2 and
/// 127.0.0.3 (each site's own address, as a target's sites are probed), the serial bumped on one and
/// then the other, read from each site's answer with the site's identity.
/// </summary>
public sealed class SoaSerialNsdTests
{
    private const string ZoneName = "lag.test";
    private static readonly IPAddress AmsAddress = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress FraAddress = IPAddress.Parse("127.0.0.3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProbeAsync_SerialBumpedOnOneSite_EachSiteReportsItsOwnSerial()
    {
        var (ams, fra) = StartSites(Zone(2026120100));
        using var amsServer = ams;
        using var fraServer = fra;
        await using var prober = new DnsProber(TimeProvider.System);

        Assert.Equal([2026120100L, 2026120100L], [await SerialAsync(prober, ams, "ams1"), await SerialAsync(prober, fra, "fra1")]);

        ams.ReplaceZone(Zone(2026120101));
        var amsNew = await WaitForSerialAsync(prober, ams, "ams1", 2026120101);
        Assert.Equal(2026120101L, amsNew);
        Assert.Equal(2026120100L, await SerialAsync(prober, fra, "fra1")); // the other site lags

        fra.ReplaceZone(Zone(2026120101));
        Assert.Equal(2026120101L, await WaitForSerialAsync(prober, fra, "fra1", 2026120101));
    }

    [Theory]
    [InlineData(Transport.Udp)]
    [InlineData(Transport.Tcp)]
    public async Task ProbeAsync_SoaOfAnotherZone_HasNoSerial(Transport transport)
    {
        using var nsd = NsdServer.Start("ams1", "nsid-ams1", null, null, Zone(7));
        await using var prober = new DnsProber(TimeProvider.System);
        var target = Target(nsd) with { Transport = transport, Query = new DnsQuestion("other.test", DnsClasses.IN, DnsTypes.SOA) };

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal(DnsRcodes.Refused, m.Rcode);
        Assert.Null(m.SoaSerial);
        Assert.Equal("nsid-ams1", m.Identity.Nsid?.Text);
    }

    /// <summary>Two NSD on one free port, ams1 at 127.0.0.2 and fra1 at 127.0.0.3.</summary>
    private static (NsdServer Ams, NsdServer Fra) StartSites(NsdZone zone)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = NsdServer.FreePort();
            var ams = NsdServer.Start("ams1", "nsid-ams1", null, port, zone, [AmsAddress]);
            try
            {
                return (ams, NsdServer.Start("fra1", "nsid-fra1", null, port, zone, [FraAddress]));
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                ams.Dispose();
            }
        }
    }

    private static async Task<long?> SerialAsync(DnsProber prober, NsdServer nsd, string identity)
    {
        var site = identity == "ams1" ? AmsAddress : FraAddress;
        var m = await prober.ProbeAsync(Target(nsd) with { Address = site }, "vp", Ct);
        Assert.Equal(site, m.Address);
        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal(identity, m.Identity.IdServer?.Text); // the identity rides along as its own query
        return m.SoaSerial;
    }

    private static async Task<long?> WaitForSerialAsync(DnsProber prober, NsdServer nsd, string identity, long serial)
    {
        long? seen = null;
        for (var i = 0; i < 100 && seen != serial; i++)
        {
            seen = await SerialAsync(prober, nsd, identity);
            if (seen != serial)
            {
                await Task.Delay(100, Ct);
            }
        }

        return seen;
    }

    private static Target Target(NsdServer nsd) => new("lag", IPAddress.Loopback)
    {
        Port = nsd.Port,
        Query = new DnsQuestion(ZoneName, DnsClasses.IN, DnsTypes.SOA),
        Identity = IdentityMethods.Nsid | IdentityMethods.IdServer,
        Timeout = TimeSpan.FromSeconds(2),
    };

    private static NsdZone Zone(long serial) => NsdZone.WithSerial(ZoneName, serial);
}
