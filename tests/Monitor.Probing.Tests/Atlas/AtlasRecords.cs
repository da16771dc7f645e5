using System.Globalization;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Atlas;

/// <summary>Builds single Atlas result objects and abufs for the tests.</summary>
internal static class AtlasRecords
{
    public static byte[] IdServerAnswer(string identity, string? nsid = null, byte extendedRcode = 0)
    {
        var builder = new DnsMessageBuilder().Id(0x4242).Flags(0x8400).Question(DnsQuestion.IdServer).Txt("id.server", DnsClasses.CH, identity);
        if (nsid is not null || extendedRcode != 0)
        {
            builder.Opt(nsid is null ? [] : [(3, System.Text.Encoding.ASCII.GetBytes(nsid))], extendedRcode);
        }

        return builder.Build();
    }

    public static string GoodAbuf { get; } = Convert.ToBase64String(IdServerAnswer("ams1"));

    /// <summary>One result object; <paramref name="result"/> is the raw JSON of its <c>result</c> (or null to leave it out).</summary>
    public static string Result(long msm, long prb, long timestamp, string? result, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"dns","msm_id":{{msm}},"prb_id":{{prb}},"timestamp":{{timestamp}},"af":4,"proto":"UDP","dst_addr":"192.0.2.53","from":"198.51.100.1"{{(result is null ? "" : ",\"result\":" + result)}}{{extra}}}""");

    public static string Good(long prb) => Result(5001, prb, 1_700_000_000 + prb, $$"""{"rt":12.5,"size":40,"abuf":"{{GoodAbuf}}"}""");
}
