using System.Net.Sockets;

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
}
