using System.Text;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Fuzz;

/// <summary>
/// The starting inputs: well-formed responses of every shape Monitor reads (identity TXT in CHAOS,
/// NSID in OPT, compression, extended rcode, several options and strings, other record types) plus
/// a few classic broken ones. Written once with <c>--write-seeds</c> into the committed corpus.
/// </summary>
public static class SeedCorpus
{
    /// <summary>The seeds by file name.</summary>
    public static IReadOnlyList<(string Name, byte[] Message)> Build()
    {
        var idServer = new DnsMessageBuilder().Id(0x1234).Question(DnsQuestion.IdServer);
        var hostname = new DnsMessageBuilder().Id(0xBEEF).Question(DnsQuestion.HostnameBind);
        var a = new DnsMessageBuilder().Id(7).Question("example.com", DnsClasses.IN, DnsTypes.A);
        return
        [
            ("id-server-nsid", new DnsMessageBuilder().Id(0x1234).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, "ams1").Nsid("ams1.example.net").Build()),
            ("id-server-plain", idServer.Txt("id.server", DnsClasses.CH, "LHR").Build()),
            ("hostname-bind", hostname.Txt("hostname.bind", DnsClasses.CH, "ns1.nl-ams.k.ripe.net").Build()),
            ("compressed-owner", new DnsMessageBuilder().Id(1).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, [Encoding.ASCII.GetBytes("res200.vie.rrdns.pch.net")], ownerPointer: 12).Build()),
            ("multi-string-txt", new DnsMessageBuilder().Id(2).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, "part1", "part2", string.Empty, new string('z', 255)).Build()),
            ("hostile-identity", new DnsMessageBuilder().Id(3).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, [[0x1B, (byte)'[', (byte)'3', (byte)'1', (byte)'m', 0xE2, 0x80, 0xAE, 0x00, (byte)'"', (byte)'\\', 0xFF]]).Nsid([0x00, 0x0A, 0x0D, 0xC3, 0x28]).Build()),
            ("extended-rcode", new DnsMessageBuilder().Id(4).Question(DnsQuestion.IdServer).Rcode(0).Opt([(3, Encoding.ASCII.GetBytes("gpdns-bud"))], extendedRcode: 1).Build()),
            ("many-options", new DnsMessageBuilder().Id(5).Question(DnsQuestion.IdServer).Opt([(10, new byte[16]), (3, Encoding.ASCII.GetBytes("node")), (12, new byte[40]), (15, [0, 22])]).Build()),
            ("refused-nsid", a.Rcode(5).Nsid("anycast-node-7").Build()),
            ("a-answer", new DnsMessageBuilder().Id(8).Question("example.com", DnsClasses.IN, DnsTypes.A).Answer("example.com", DnsTypes.A, DnsClasses.IN, [192, 0, 2, 1]).Nsid("x").Build()),
            ("aaaa-answer", new DnsMessageBuilder().Id(9).Question("example.com", DnsClasses.IN, DnsTypes.AAAA).Answer("example.com", DnsTypes.AAAA, DnsClasses.IN, new byte[16]).Build()),
            ("truncated-flag", new DnsMessageBuilder().Id(10).Question(DnsQuestion.IdServer).Truncated().Build()),
            ("two-txt-answers", new DnsMessageBuilder().Id(11).Question(DnsQuestion.HostnameBind).Txt("hostname.bind", DnsClasses.CH, "a").Txt("hostname.bind", DnsClasses.IN, "b").Build()),
            ("root-question", new DnsMessageBuilder().Id(12).Question(string.Empty, DnsClasses.IN, (ushort)6).Build()),
            ("counts-lie", new DnsMessageBuilder().Id(13).Question(DnsQuestion.IdServer).Counts(an: 3).Build()),
            ("opt-not-at-root", new DnsMessageBuilder().Id(14).Question(DnsQuestion.IdServer).Opt([(3, [1, 2, 3])], owner: "x").Build()),
            ("rdlength-past-end", new DnsMessageBuilder().Id(15).Question(DnsQuestion.IdServer).Answer("id.server", DnsTypes.TXT, DnsClasses.CH, [3, (byte)'a', (byte)'b', (byte)'c'], declaredLength: 400).Build()),
            ("trailing-junk", new DnsMessageBuilder().Id(16).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, "fra").Trailing([0xDE, 0xAD, 0xBE, 0xEF]).Build()),
            ("pointer-loop", [0, 17, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 16, 0, 3]),
            ("header-only", [0, 18, 0x84, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        ];
    }
}
