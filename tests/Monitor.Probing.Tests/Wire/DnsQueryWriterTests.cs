using Monitor.Core.Domain;
using Monitor.Probing.Wire;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Wire;

public sealed class DnsQueryWriterTests
{
    [Fact]
    public void Write_IdServerWithNsid_IsExactOctets()
    {
        var message = DnsQueryWriter.Write(0xBEEF, DnsQuestion.IdServer, recursionDesired: false, edns: true, requestNsid: true);

        byte[] expected =
        [
            0xBE, 0xEF, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // header: QUERY, RD=0, QD=1, AR=1
            2, (byte)'i', (byte)'d', 6, (byte)'s', (byte)'e', (byte)'r', (byte)'v', (byte)'e', (byte)'r', 0,
            0x00, 0x10, 0x00, 0x03, // TXT CH
            0x00, 0x00, 0x29, 0x04, 0xD0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, // OPT, 1232, TTL 0, RDLEN 4
            0x00, 0x03, 0x00, 0x00, // NSID, empty
        ];
        Assert.Equal(expected, message);
    }

    [Fact]
    public void Write_NoEdns_HasNoAdditionalRecord()
    {
        var message = DnsQueryWriter.Write(1, DnsQuestion.IdServer, recursionDesired: false, edns: false);
        var parsed = ParsedQuery.Parse(message);

        Assert.False(parsed.HasOpt);
        Assert.Equal(12 + 11 + 4, message.Length);
    }

    [Fact]
    public void Write_ResolverQuery_RoundTripsThroughIndependentParser()
    {
        var question = new DnsQuestion("www.Example.com.", DnsClasses.IN, DnsTypes.AAAA);
        var message = DnsQueryWriter.Write(4242, question, recursionDesired: true, edns: true, requestNsid: false);
        var parsed = ParsedQuery.Parse(message);

        Assert.Equal(4242, parsed.Id);
        Assert.True(parsed.RecursionDesired);
        Assert.Equal("www.Example.com", parsed.Name);
        Assert.Equal(DnsTypes.AAAA, parsed.QType);
        Assert.Equal(DnsClasses.IN, parsed.QClass);
        Assert.True(parsed.HasOpt);
        Assert.False(parsed.RequestsNsid);
    }

    [Fact]
    public void Write_RootName_IsSingleZeroOctet()
    {
        var message = DnsQueryWriter.Write(7, new DnsQuestion(".", DnsClasses.IN, 2), recursionDesired: false, edns: false);

        Assert.Equal(0, message[12]);
        Assert.Equal(12 + 1 + 4, message.Length);
    }

    [Fact]
    public void Write_NsidWithoutEdns_Throws() =>
        Assert.Throws<ArgumentException>(() => DnsQueryWriter.Write(1, DnsQuestion.IdServer, false, edns: false, requestNsid: true));

    [Fact]
    public void Write_PayloadBelow512_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DnsQueryWriter.Write(1, DnsQuestion.IdServer, false, udpPayloadSize: 511));

    [Theory]
    [InlineData(false, 1232)]
    [InlineData(true, 1232)]
    [InlineData(true, 4096)]
    [InlineData(false, 512)]
    public void Write_DnssecAndPayload_SetDoBitAndSize(bool dnssecOk, ushort payload)
    {
        var message = DnsQueryWriter.Write(9, new DnsQuestion("example.test", DnsClasses.IN, DnsTypes.SOA), false, edns: true, requestNsid: true, udpPayloadSize: payload, dnssecOk: dnssecOk);
        var parsed = ParsedQuery.Parse(message);

        Assert.True(parsed.HasOpt);
        Assert.True(parsed.RequestsNsid);
        Assert.Equal(dnssecOk, parsed.DnssecOk);
        Assert.Equal(payload, parsed.PayloadSize);
        Assert.Equal(0, message[3] & 0x30); // AD and CD stay clear in the query
    }

    [Fact]
    public void Write_DnssecWithoutEdns_Throws() =>
        Assert.Throws<ArgumentException>(() => DnsQueryWriter.Write(1, DnsQuestion.IdServer, false, edns: false, dnssecOk: true));
}
