using System.Net;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>Address answers of A/AAAA main queries: read from the wire and kept as a set, for GeoDNS.</summary>
public sealed class DnsProberAnswersTests
{
    private static readonly DnsQuestion WwwA = new("www.example.com", DnsClasses.IN, DnsTypes.A);

    private static Target TargetAt(IPEndPoint endPoint, DnsQuestion query) =>
        new("t", endPoint.Address) { Port = endPoint.Port, Timeout = TimeSpan.FromMilliseconds(500), Query = query, Identity = IdentityMethods.Nsid };

    [Fact]
    public async Task ProbeAsync_AQuery_KeepsTheAnswerAddressesAsASortedSet()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q)
            .Answer(q.Name, DnsTypes.A, DnsClasses.IN, [198, 51, 100, 7])
            .Answer(q.Name, DnsTypes.A, DnsClasses.IN, [192, 0, 2, 1])
            .Answer(q.Name, DnsTypes.A, DnsClasses.IN, [198, 51, 100, 7])
            .Txt(q.Name, DnsClasses.IN, "not an address")
            .Nsid("ams1")
            .Build())]);

        var m = await new DnsProber(TimeProvider.System).ProbeAsync(TargetAt(server.EndPoint, WwwA), "vp", TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Equal("192.0.2.1,198.51.100.7", m.Answers);
        Assert.Equal("ams1", m.Identity.Nsid?.Text);
    }

    [Fact]
    public async Task ProbeAsync_NonAddressQuery_KeepsNoAnswers()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "ams1").Build())]);

        var m = await new DnsProber(TimeProvider.System).ProbeAsync(TargetAt(server.EndPoint, DnsQuestion.IdServer), "vp", TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Answered, m.Outcome);
        Assert.Null(m.Answers);
    }

    [Fact]
    public async Task ProbeAsync_AQueryWithEmptyAnswer_KeepsAnEmptySet()
    {
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Build())]);

        var m = await new DnsProber(TimeProvider.System).ProbeAsync(TargetAt(server.EndPoint, WwwA), "vp", TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, m.Answers);
    }

    [Fact]
    public void Read_AaaaRecord_GivesTheAddress()
    {
        var query = new ParsedQuery(1, false, "www.example.com", DnsTypes.AAAA, DnsClasses.IN, false, false, [], null);
        var rdata = IPAddress.Parse("2001:db8::53").GetAddressBytes();

        var response = DnsResponseReader.Read(DnsMessageBuilder.ResponseTo(query).Answer(query.Name, DnsTypes.AAAA, DnsClasses.IN, rdata).Build());

        Assert.Equal([IPAddress.Parse("2001:db8::53")], response.AddressAnswers);
    }

    [Theory]
    [InlineData(DnsTypes.A, 3)]
    [InlineData(DnsTypes.A, 16)]
    [InlineData(DnsTypes.AAAA, 4)]
    public void Read_AddressRecordOfWrongLength_IsMalformed(ushort type, int length)
    {
        var query = new ParsedQuery(1, false, "www.example.com", type, DnsClasses.IN, false, false, [], null);

        var message = DnsMessageBuilder.ResponseTo(query).Answer(query.Name, type, DnsClasses.IN, new byte[length]).Build();

        Assert.Throws<DnsWireException>(() => DnsResponseReader.Read(message));
    }
}
