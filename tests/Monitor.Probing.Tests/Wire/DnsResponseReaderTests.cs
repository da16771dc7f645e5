using System.Text;

using CsCheck;

using Monitor.Core.Domain;
using Monitor.Probing.Wire;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Wire;

public sealed class DnsResponseReaderTests
{
    private static DnsMessageBuilder IdServerResponse() =>
        new DnsMessageBuilder().Id(0x1234).Flags(0x8400).Question(DnsQuestion.IdServer);

    [Fact]
    public void Read_IdServerAnswerWithNsid_GivesBoth()
    {
        var message = IdServerResponse().Txt("id.server", DnsClasses.CH, "ams1").Nsid("ams1.example").Build();

        var response = DnsResponseReader.Read(message);

        Assert.Equal(0x1234, response.Head.Id);
        Assert.True(response.Head.IsResponse);
        Assert.True(response.Head.Answers(0x1234, DnsQuestion.IdServer));
        Assert.Equal(DnsRcodes.NoError, response.Rcode);
        var txt = Assert.Single(response.TxtAnswers);
        Assert.Equal("id.server", txt.Owner);
        Assert.Equal(DnsClasses.CH, txt.RecordClass);
        Assert.Equal("ams1"u8.ToArray(), txt.Joined());
        Assert.True(response.HasOpt);
        Assert.Equal("ams1.example"u8.ToArray(), response.Nsid!.Value.ToArray());
        Assert.Equal(message.Length, response.Size);
    }

    [Fact]
    public void Read_CompressedOwner_FollowsPointerToQuestion()
    {
        var message = IdServerResponse().Txt("ignored", DnsClasses.CH, ["a"u8.ToArray(), "b"u8.ToArray()], ownerPointer: 12).Build();

        var txt = Assert.Single(DnsResponseReader.Read(message).TxtAnswers);

        Assert.Equal("id.server", txt.Owner);
        Assert.Equal("ab"u8.ToArray(), txt.Joined());
        Assert.Equal(2, txt.Strings.Length);
    }

    [Fact]
    public void Read_ExtendedRcode_CombinesOptUpperBits()
    {
        var message = IdServerResponse().Rcode(0).Opt([], extendedRcode: 1).Build();

        Assert.Equal(16, DnsResponseReader.Read(message).Rcode); // BADVERS
    }

    [Fact]
    public void Read_NoOpt_HasNoNsid()
    {
        var response = DnsResponseReader.Read(IdServerResponse().Rcode(DnsRcodes.Refused).Build());

        Assert.False(response.HasOpt);
        Assert.Null(response.Nsid);
        Assert.Equal(DnsRcodes.Refused, response.Rcode);
    }

    [Fact]
    public void Read_TrailingOctets_AreTolerated() =>
        Assert.Single(DnsResponseReader.Read(IdServerResponse().Txt("id.server", DnsClasses.CH, "x").Trailing([1, 2, 3]).Build()).TxtAnswers);

    public static TheoryData<string, byte[]> Malformed() => new()
    {
        { "shorter than a header", [0x12, 0x34, 0x84] },
        { "question runs past the end", IdServerResponse().Build()[..20] },
        { "claims an answer it lacks", IdServerResponse().Counts(an: 1).Build() },
        { "TXT string runs past its record", IdServerResponse().Answer("id.server", DnsTypes.TXT, DnsClasses.CH, [10, (byte)'a']).Build() },
        { "RDLENGTH runs past the message", IdServerResponse().Answer("id.server", DnsTypes.TXT, DnsClasses.CH, [1, (byte)'a'], declaredLength: 200).Build() },
        { "option runs past OPT", IdServerResponse().Opt([(3, "abcd"u8.ToArray())]).Build()[..^2] },
        { "two OPT records", IdServerResponse().Nsid("a").Nsid("b").Build() },
        { "OPT owner not root", IdServerResponse().Opt([], owner: "x").Build() },
        { "pointer loop", Concat(new DnsMessageBuilder().Id(1).Counts(qd: 1).Build(), [0xC0, 0x0C, 0, 16, 0, 3]) },
        { "pointer out of range", Concat(new DnsMessageBuilder().Id(1).Counts(qd: 1).Build(), [0xC0, 0xFF, 0, 16, 0, 3]) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_Malformed_ThrowsWireException(string why, byte[] message)
    {
        var ex = Assert.Throws<DnsWireException>(() => DnsResponseReader.Read(message));
        Assert.False(string.IsNullOrEmpty(ex.Message), why);
    }

    [Fact]
    public void ReadHead_UnaskableName_HasNoQuestion()
    {
        var message = Concat(new DnsMessageBuilder().Id(9).Counts(qd: 1).Build(), [3, 0, 1, 0xFF, 0, 0, 16, 0, 3]);

        var head = DnsResponseReader.ReadHead(message);

        Assert.Null(head.Question);
        Assert.False(head.Answers(9, DnsQuestion.IdServer));
    }

    [Fact]
    public void Read_RandomOctets_OnlyEverThrowsWireException() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                DnsResponseReader.Read(bytes);
            }
            catch (DnsWireException)
            {
            }
        }, iter: 5_000);

    [Fact]
    public void Read_MutatedValidResponse_OnlyEverThrowsWireException()
    {
        var valid = IdServerResponse().Txt("id.server", DnsClasses.CH, "ams1").Nsid(Encoding.ASCII.GetBytes("nsid")).Build();
        Gen.Int[0, valid.Length - 1].Select(Gen.Byte).Array[1, 8].Select(Gen.Int[0, valid.Length])
            .Sample((flips, cut) =>
            {
                var copy = valid.ToArray();
                foreach (var (index, value) in flips)
                {
                    copy[index] = value;
                }

                try
                {
                    DnsResponseReader.Read(copy[..cut]);
                }
                catch (DnsWireException)
                {
                }
            }, iter: 5_000);
    }

    [Theory]
    [InlineData(0x8180, false)]
    [InlineData(0x81A0, true)]
    public void Read_AdBit_IsAuthenticData(int flags, bool expected)
    {
        var message = new DnsMessageBuilder().Id(1).Flags((ushort)flags).Question("example.test", DnsClasses.IN, DnsTypes.A).Build();

        var response = DnsResponseReader.Read(message);

        Assert.Equal(expected, response.AuthenticData);
        Assert.Equal(expected, response.Head.AuthenticData);
    }

    [Fact]
    public void Read_RrsigInAnswer_IsSeen()
    {
        var plain = new DnsMessageBuilder().Id(1).Flags(0x8180).Question("example.test", DnsClasses.IN, DnsTypes.A)
            .Answer("example.test", DnsTypes.A, DnsClasses.IN, [192, 0, 2, 7]);
        Assert.False(DnsResponseReader.Read(plain.Build()).RrsigSeen);

        var signed = plain.Answer("example.test", DnsTypes.RRSIG, DnsClasses.IN, new byte[30]).Build();
        Assert.True(DnsResponseReader.Read(signed).RrsigSeen);
    }

    [Theory]
    [InlineData("example.test", "example.test", 2026120101u, 2026120101u)]
    [InlineData("Example.TEST", "example.test", 4294967295u, 4294967295u)]
    [InlineData("example.test", "other.test", 7u, null)]
    public void Read_SoaAnswer_GivesSerialOfTheQuestionsZone(string qname, string owner, uint serial, uint? expected)
    {
        var message = new DnsMessageBuilder().Id(1).Flags(0x8400).Question(qname, DnsClasses.IN, DnsTypes.SOA)
            .Answer(owner, DnsTypes.SOA, DnsClasses.IN, SoaRdata("ns.example.test", "hostmaster.example.test", serial)).Build();

        Assert.Equal(expected, DnsResponseReader.Read(message).SoaSerial);
    }

    [Fact]
    public void Read_SoaWithCompressedNames_GivesSerial()
    {
        // MNAME and RNAME both point at the question's name (offset 12).
        byte[] rdata = [0xC0, 12, 0xC0, 12, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4];
        var message = new DnsMessageBuilder().Id(1).Flags(0x8400).Question("example.test", DnsClasses.IN, DnsTypes.SOA)
            .Answer("example.test", DnsTypes.SOA, DnsClasses.IN, rdata).Build();

        Assert.Equal(0x12345678u, DnsResponseReader.Read(message).SoaSerial);
    }

    [Fact]
    public void Read_SoaRdataTooShort_IsMalformed()
    {
        var rdata = SoaRdata("ns.example.test", "h.example.test", 5)[..^4];
        var message = new DnsMessageBuilder().Id(1).Flags(0x8400).Question("example.test", DnsClasses.IN, DnsTypes.SOA)
            .Answer("example.test", DnsTypes.SOA, DnsClasses.IN, rdata).Build();

        Assert.Throws<DnsWireException>(() => DnsResponseReader.Read(message));
    }

    private static byte[] SoaRdata(string mname, string rname, uint serial)
    {
        var numbers = new byte[20];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(numbers, serial);
        return [.. DnsMessageBuilder.Name(mname), .. DnsMessageBuilder.Name(rname), .. numbers];
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
}
