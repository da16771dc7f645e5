using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using Monitor.Testing.Lab;

namespace Monitor.Lab.Tests;

/// <summary>
/// The lab itself: the routing truth read from bird agrees with who answers on the data plane, and the
/// lab's operations move it. Quick (one lab, a few seconds of events) so a broken lab fails before the
/// long scenario runs.
/// </summary>
[Trait("Category", "Lab")]
public sealed class LabControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lab_TruthMatchesAnswers_WithdrawAndAnnounceMoveTheCatchment()
    {
        await using var lab = await AnycastLab.StartAsync(new LabOptions(), Ct);
        TestContext.Current.SendDiagnosticMessage($"lab up in {lab.UpTime.TotalSeconds:0.0} s");

        // Every vantage point is answered by the site its router's best route leads to, on both families.
        foreach (var vantage in lab.Vantages)
        {
            foreach (var (family, address) in new[] { (AddressFamily.InterNetwork, lab.AnycastV4), (AddressFamily.InterNetworkV6, lab.AnycastV6) })
            {
                var site = await lab.ServingSiteAsync(vantage.Id, family, Ct);
                Assert.NotNull(site);
                var identity = await lab.QueryIdentityAsync(vantage.Id, address, TimeSpan.FromSeconds(2), Ct);
                Assert.Equal(lab.Site(site).Identity, identity);
            }

            Assert.Equal(lab.UnicastServer.Identity, await lab.QueryIdentityAsync(vantage.Id, lab.UnicastServer.V4, TimeSpan.FromSeconds(2), Ct));
            foreach (var site in lab.Sites)
            {
                Assert.Equal(site.Identity, await lab.QueryIdentityAsync(vantage.Id, site.UnicastV6, TimeSpan.FromSeconds(2), Ct));
            }
        }

        // Withdrawing the site that serves the first vantage point moves it elsewhere; announcing brings it back.
        var first = lab.Vantages[0].Id;
        var home = (await lab.ServingSiteAsync(first, Ct))!;
        var before = DateTimeOffset.UtcNow;
        await lab.WithdrawAsync(home, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(first) is { } s && s != home, TimeSpan.FromSeconds(20), Ct), "no route change after withdraw");
        var moved = lab.RouteLog.ChangesSince(before, first);
        Assert.NotEmpty(moved);
        var other = (await lab.ServingSiteAsync(first, Ct))!;
        Assert.NotEqual(home, other);
        Assert.Equal(lab.Site(other).Identity, await lab.QueryIdentityAsync(first, lab.AnycastV4, TimeSpan.FromSeconds(2), Ct));

        await lab.AnnounceAsync(home, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(first) == home, TimeSpan.FromSeconds(20), Ct), "no route change after announce");
        TestContext.Current.SendDiagnosticMessage($"withdraw seen after {(moved[0].At - before).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Lab_DnsStopModes_DropTimesOut_RefuseIsUnreachable_PrependAndSilentFailureMoveRoutes()
    {
        await using var lab = await AnycastLab.StartAsync(new LabOptions(), Ct);
        var vantage = lab.Vantages[0].Id;
        var site = (await lab.ServingSiteAsync(vantage, Ct))!;

        // Monitor's own probe, from inside the vantage point: the two ways a site's DNS can be down look different.
        Assert.Equal("answered", await ProbeOutcomeAsync(lab, vantage, lab.AnycastV4));
        await lab.StopDnsAsync(site, DnsStopMode.Drop, Ct);
        Assert.Equal("timeout", await ProbeOutcomeAsync(lab, vantage, lab.AnycastV4));
        await lab.StartDnsAsync(site, Ct);
        Assert.Equal("answered", await ProbeOutcomeAsync(lab, vantage, lab.AnycastV4));
        await lab.StopDnsAsync(site, DnsStopMode.Refuse, Ct);
        Assert.Equal("network_error", await ProbeOutcomeAsync(lab, vantage, lab.AnycastV6));
        await lab.StartDnsAsync(site, Ct);
        Assert.Equal("answered", await ProbeOutcomeAsync(lab, vantage, lab.AnycastV6));

        // Prepending makes the site's announcement longer than the alternatives: the vantage point moves away, and back.
        await lab.PrependAsync(site, 3, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(vantage) != site, TimeSpan.FromSeconds(20), Ct), "prepend moved nothing");
        await lab.PrependAsync(site, 0, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(vantage) == site, TimeSpan.FromSeconds(20), Ct), "undoing the prepend moved nothing");

        // A silent link failure is noticed by the BGP hold timer only, not at once; restoring it brings the route back.
        var link = lab.Links.First(l => l.A == site || l.B == site).Id;
        var failed = DateTimeOffset.UtcNow;
        await lab.FailLinkAsync(link, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(vantage) != site, TimeSpan.FromSeconds(30), Ct), "the silent failure moved nothing");
        var noticed = lab.RouteLog.ChangesSince(failed, vantage)[0].At - failed;
        Assert.True(noticed >= TimeSpan.FromSeconds(1), $"a silent failure was noticed after {noticed.TotalMilliseconds} ms: not silent");
        Assert.Null(await lab.QueryIdentityAsync(vantage, lab.Site(site).UnicastV4, TimeSpan.FromSeconds(1), Ct));
        var restored = DateTimeOffset.UtcNow;
        await lab.RestoreLinkAsync(link, Ct);
        Assert.True(await lab.RouteLog.WaitForAsync(log => log.Current(vantage) == site, TimeSpan.FromSeconds(30), Ct), "restoring the link moved nothing");
        Assert.Equal(lab.Site(site).Identity, await lab.QueryIdentityAsync(vantage, lab.AnycastV4, TimeSpan.FromSeconds(2), Ct));
        TestContext.Current.SendDiagnosticMessage($"silent failure noticed after {noticed.TotalSeconds:0.00} s, restore after {(lab.RouteLog.ChangesSince(restored, vantage)[0].At - restored).TotalSeconds:0.00} s");
    }

    /// <summary>The outcome of one <c>monitor probe --json</c> from inside a vantage point.</summary>
    private static async Task<string> ProbeOutcomeAsync(AnycastLab lab, string vantage, IPAddress server)
    {
        var start = lab.StartInfo(vantage, "/usr/bin/env", "dotnet", Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "probe", server.ToString(), "--count", "1", "--timeout", "1s", "--json");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        var probe = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("type").GetString() == "probe");
        return probe.GetProperty("outcome").GetString()!;
    }
}
