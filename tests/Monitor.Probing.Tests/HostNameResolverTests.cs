using System.Net;
using System.Net.Sockets;

namespace Monitor.Probing.Tests;

public sealed class HostNameResolverTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress C = IPAddress.Parse("2001:db8::3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResolveAsync_WithinInterval_DoesNotLookUpAgain()
    {
        var clock = new ManualClock();
        var lookups = new FakeLookup([A]);
        var resolver = new HostNameResolver(clock, TimeSpan.FromMinutes(10), lookups.LookupAsync);

        var first = await resolver.ResolveAsync("dns.example", Ct);
        clock.Advance(TimeSpan.FromMinutes(9));
        var second = await resolver.ResolveAsync("DNS.example", Ct);

        Assert.Equal(A, first.Address);
        Assert.Equal(A, second.Address);
        Assert.Equal(1, lookups.Count);
        Assert.False(first.Changed);
    }

    [Fact]
    public async Task ResolveAsync_AddressGoneAfterInterval_ReportsChangeOnce()
    {
        var clock = new ManualClock();
        var lookups = new FakeLookup([A]);
        var resolver = new HostNameResolver(clock, TimeSpan.FromMinutes(10), lookups.LookupAsync);
        var changes = new List<HostNameResolution>();
        resolver.AddressChanged += (_, r) => changes.Add(r);

        await resolver.ResolveAsync("dns.example", Ct);
        lookups.Answer = [B, C];
        clock.Advance(TimeSpan.FromMinutes(10));
        var moved = await resolver.ResolveAsync("dns.example", Ct);
        clock.Advance(TimeSpan.FromMinutes(10));
        var again = await resolver.ResolveAsync("dns.example", Ct);

        Assert.True(moved.Changed);
        Assert.Equal(B, moved.Address);
        Assert.Equal(A, moved.Previous);
        Assert.False(again.Changed);
        Assert.Equal(B, again.Address);
        var change = Assert.Single(changes);
        Assert.Equal(B, change.Address);
        Assert.Equal(3, lookups.Count);
    }

    [Fact]
    public async Task ResolveAsync_AddressesOnlyRotate_KeepsCurrentAddress()
    {
        var clock = new ManualClock();
        var lookups = new FakeLookup([A, B]);
        var resolver = new HostNameResolver(clock, TimeSpan.FromMinutes(1), lookups.LookupAsync);

        await resolver.ResolveAsync("rr.example", Ct);
        lookups.Answer = [B, A];
        clock.Advance(TimeSpan.FromMinutes(1));
        var rotated = await resolver.ResolveAsync("rr.example", Ct);

        Assert.Equal(A, rotated.Address);
        Assert.False(rotated.Changed);
    }

    [Fact]
    public async Task ResolveAsync_LookupFailsLater_KeepsLastAddressAndSaysWhy()
    {
        var clock = new ManualClock();
        var lookups = new FakeLookup([A]);
        var resolver = new HostNameResolver(clock, TimeSpan.FromMinutes(10), lookups.LookupAsync);

        await resolver.ResolveAsync("dns.example", Ct);
        lookups.Fail = true;
        clock.Advance(TimeSpan.FromMinutes(10));
        var failed = await resolver.ResolveAsync("dns.example", Ct);
        var soon = await resolver.ResolveAsync("dns.example", Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        lookups.Fail = false;
        var retried = await resolver.ResolveAsync("dns.example", Ct);

        Assert.Equal(A, failed.Address);
        Assert.Contains("did not resolve", failed.Error, StringComparison.Ordinal);
        Assert.Equal(A, soon.Address);
        Assert.Null(retried.Error);
        Assert.Equal(3, lookups.Count); // first, the failure, the retry a minute later; not the call in between
    }

    [Fact]
    public async Task ResolveAsync_NeverResolved_HasNoAddress()
    {
        var lookups = new FakeLookup([]) { Fail = true };
        var resolver = new HostNameResolver(new ManualClock(), TimeSpan.FromMinutes(10), lookups.LookupAsync);

        var r = await resolver.ResolveAsync("nowhere.example", Ct);

        Assert.Null(r.Address);
        Assert.NotNull(r.Error);
    }

    [Fact]
    public async Task ResolveAsync_Localhost_ThroughSystemResolverIsLoopback()
    {
        // localhost is answered from /etc/hosts: no query leaves the machine.
        var resolver = new HostNameResolver(TimeProvider.System, TimeSpan.FromMinutes(10));

        var r = await resolver.ResolveAsync("localhost", Ct);

        Assert.NotNull(r.Address);
        Assert.True(IPAddress.IsLoopback(r.Address));
    }

    [Fact]
    public async Task ProbeAsync_HostNameThatNeverResolves_IsNetworkErrorWithoutQuery()
    {
        var lookups = new FakeLookup([]) { Fail = true };
        await using var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { HostNameLookup = lookups.LookupAsync });
        var target = new Monitor.Core.Domain.Target("t", IPAddress.Loopback) { HostName = "nowhere.example" };

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.Equal(Monitor.Core.Domain.ProbeOutcome.NetworkError, m.Outcome);
        Assert.Contains("nowhere.example", m.Error, StringComparison.Ordinal);
        Assert.Null(m.Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    public void HostName_NotAName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new Monitor.Core.Domain.Target("t", IPAddress.Loopback) { HostName = name });

    private sealed class FakeLookup(IPAddress[] answer)
    {
        public IPAddress[] Answer { get; set; } = answer;

        public bool Fail { get; set; }

        public int Count { get; private set; }

        public Task<IPAddress[]> LookupAsync(string name, CancellationToken cancellationToken)
        {
            Count++;
            return Fail ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)) : Task.FromResult(Answer);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
