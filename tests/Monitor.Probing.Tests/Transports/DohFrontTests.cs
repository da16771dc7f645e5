using System.Net;

using Microsoft.AspNetCore.Http;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Transports;

/// <summary>
/// DNS over HTTPS through Kestrel on loopback: HTTP/1.1 and HTTP/2 passed on to a real Unbound, and
/// servers that answer badly (HTTP 500, a body that is not DNS, the wrong question, nothing).
/// </summary>
public sealed class DohFrontTests : IClassFixture<DohFrontTests.Unbound>
{
    private readonly Unbound _unbound;

    public DohFrontTests(Unbound unbound) => _unbound = unbound;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, DohMethod, string?, string> Versions => new()
    {
        { "127.0.0.1", DohMethod.Post, "1.1", "HTTP/1.1" },
        { "::1", DohMethod.Get, "1.1", "HTTP/1.1" },
        { "127.0.0.1", DohMethod.Get, "2.0", "HTTP/2" },
        { "::1", DohMethod.Post, null, "HTTP/2" },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ProbeAsync_HttpVersionAndMethod_AnswersThroughRealUnbound(string address, DohMethod method, string? version, string expectedProtocol)
    {
        await using var front = await DohFront.ForwardingAsync(_unbound.Certificates.Server, _unbound.Server.V4Udp);
        await using var prober = Prober();
        var target = Target(front, address) with
        {
            DohMethod = method,
            HttpVersion = version is null ? null : Version.Parse(version),
            Identity = IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind,
        };

        var m = await prober.ProbeAsync(target, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal(_unbound.Server.Identity, m.Identity.IdServer?.Text);
        Assert.Equal(_unbound.Server.Identity, m.Identity.HostnameBind?.Text);
        Assert.Equal(_unbound.Server.Nsid, m.Identity.Nsid?.Text);
        Assert.NotNull(m.ConnectTime);
        Assert.NotNull(m.TlsTime);
        Assert.All(front.Protocols, p => Assert.Equal(expectedProtocol, p));
        Assert.Equal(2, front.Protocols.Count); // id.server rode on the main query, hostname.bind came second
    }

    [Theory]
    [InlineData(500, "HTTP 500")]
    [InlineData(404, "HTTP 404")]
    [InlineData(415, "HTTP 415")]
    public async Task ProbeAsync_HttpErrorStatus_IsNetworkError(int status, string expected)
    {
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(front, "127.0.0.1"), "vp", Ct);

        Assert.Equal(ProbeOutcome.NetworkError, m.Outcome);
        Assert.StartsWith(expected, m.Error, StringComparison.Ordinal);
        Assert.Null(m.Rcode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "text/html", "<html>hello</html>", "not application/dns-message" },
        { "application/dns-message", "not dns", "not a DNS message" },
        { "application/dns-message", "", "not a DNS message" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ProbeAsync_BodyThatIsNotDns_IsMalformedWithRtt(string contentType, string body, string expected)
    {
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(front, "127.0.0.1"), "vp", Ct);

        Assert.Equal(ProbeOutcome.Malformed, m.Outcome);
        Assert.Contains(expected, m.Error, StringComparison.Ordinal);
        Assert.NotNull(m.Rtt);
    }

    [Fact]
    public async Task ProbeAsync_DnsAnswerToAnotherQuestion_IsMalformed()
    {
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, async context =>
        {
            var query = ParsedQuery.Parse((await DohFront.ReadQueryAsync(context))!);
            var other = new DnsMessageBuilder().Id(query.Id).Flags(0x8400).Question("other.test", DnsClasses.IN, DnsTypes.A).Build();
            context.Response.ContentType = "application/dns-message";
            await context.Response.Body.WriteAsync(other);
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(front, "::1"), "vp", Ct);

        Assert.Equal(ProbeOutcome.Malformed, m.Outcome);
        Assert.Contains("does not answer the query", m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_QueryIdIsZeroAndMessageIntact()
    {
        ParsedQuery? seen = null;
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, async context =>
        {
            seen = ParsedQuery.Parse((await DohFront.ReadQueryAsync(context))!);
            var reply = DnsMessageBuilder.ResponseTo(seen).Flags(0x8400).Txt("id.server", DnsClasses.CH, "fake").Build();
            context.Response.ContentType = "application/dns-message";
            await context.Response.Body.WriteAsync(reply);
        });
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(front, "127.0.0.1") with { DohMethod = DohMethod.Get }, "vp", Ct);

        Assert.True(m.Outcome == ProbeOutcome.Answered, m.Error);
        Assert.Equal("fake", m.Identity.IdServer?.Text);
        Assert.NotNull(seen);
        Assert.Equal(0, seen.Id); // RFC 8484 §4.1
        Assert.Equal("id.server", seen.Name);
        Assert.True(seen.RequestsNsid);
    }

    [Fact]
    public async Task ProbeAsync_ServerNeverAnswers_TimesOut()
    {
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var prober = Prober();

        var m = await prober.ProbeAsync(Target(front, "127.0.0.1") with { Timeout = TimeSpan.FromMilliseconds(300) }, "vp", Ct);

        Assert.Equal(ProbeOutcome.Timeout, m.Outcome);
        Assert.Null(m.Rtt);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_Propagates()
    {
        await using var front = await DohFront.StartAsync(_unbound.Certificates.Server, context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var prober = Prober();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            prober.ProbeAsync(Target(front, "127.0.0.1") with { Timeout = TimeSpan.FromSeconds(30) }, "vp", cancel.Token));
    }

    private Target Target(DohFront front, string address) => new("doh", IPAddress.Parse(address))
    {
        Port = front.Port,
        Transport = Transport.Https,
        TlsName = _unbound.Certificates.Name,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private DnsProber Prober() => new(TimeProvider.System, new DnsProberOptions { TrustedRoots = _unbound.Certificates.Roots });

    public sealed class Unbound() : UnboundFixture("unbound-doh-front", "unbound-nsid-front");
}
