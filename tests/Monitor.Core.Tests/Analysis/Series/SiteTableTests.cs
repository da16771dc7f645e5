using System.Text;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Series;

public sealed class SiteTableTests
{
    [Fact]
    public void IndexOf_SameIdentityTwice_ResolvesOnce()
    {
        var calls = 0;
        var table = new SiteTable(i =>
        {
            calls++;
            return Site.Unparsed(i.ToString());
        });

        var first = table.IndexOf(Identity("ams1"));
        var again = table.IndexOf(Identity("ams1"));
        var other = table.IndexOf(Identity("fra1"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Resolve_EmptyIdentity_IsTheNoIdentitySiteWithoutCallingTheResolver()
    {
        var table = new SiteTable(_ => throw new InvalidOperationException("not to be called"));

        Assert.Equal(0, table.IndexOf(ObservedIdentity.None));
        Assert.Equal(Analyzer.NoIdentity, table.Resolve(ObservedIdentity.None).Code);
        Assert.Null(table.ByCode(Analyzer.NoIdentity));
    }

    [Fact]
    public void ByCode_TwoIdentitiesOneCode_KeepsTheFirstPlace()
    {
        var table = new SiteTable(i => i.IdServer!.Text == "one"
            ? new Site("AMS", "Amsterdam", "NL", 52.3, 4.8, true)
            : new Site("AMS", "Elsewhere", "XX", 0, 0, true));

        table.Resolve(Identity("one"));
        table.Resolve(Identity("two"));

        Assert.Equal("Amsterdam", table.ByCode("AMS")!.City);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ByCode_UnparsedTextThatSpellsAParsedCode_IsTheParsedSitesPlaceInEitherOrder(bool unparsedFirst)
    {
        var jnb = new Site("JNB", "Johannesburg", "ZA", -26.14, 28.25, true);
        var table = new SiteTable(i => i.IdServer!.Text == "JNB" ? Site.Unparsed("JNB") : jnb);
        string[] order = unparsedFirst ? ["JNB", "jnb01"] : ["jnb01", "JNB"];

        foreach (var text in order)
        {
            table.Resolve(Identity(text));
        }

        Assert.Equal(jnb, table.ByCode("JNB"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Identify_PhysicsRejectedReading_NeitherMeetsTheSiteNorCountsAsUnparsed(bool rejectedFirst)
    {
        // The engine's reading of Cloudflare's "JNB" from Johannesburg (25 ms) and from San Jose (38 ms, 16,942 km).
        var table = new SiteTable(SiteEngine.CreateDefault().Identify);
        var near = new PhysicsContext(-26.0905, 27.9875, 25.233);
        var far = new PhysicsContext(37.3475, -121.8495, 38.383);

        foreach (var physics in rejectedFirst ? new[] { far, near } : [near, far])
        {
            table.Identify(Identity("JNB"), "Cloudflare", physics);
        }

        Assert.Equal(("Johannesburg", true), (table.ByCode("JNB")?.City, table.ByCode("JNB")?.Parsed));
        Assert.Equal(SiteConfidence.High, table.Identification("JNB")?.Confidence);
        var rejected = table.Identification(Site.RejectedMark + "JNB");
        Assert.Equal((SiteConfidence.Unknown, "JNB"), (rejected?.Confidence, rejected?.Claimed?.Code));
        Assert.False(table.ByCode(Site.RejectedMark + "JNB")?.Parsed);
        Assert.Empty(table.Unparsed);
    }

    [Fact]
    public void Unparsed_UnmatchedIdentities_AreListedInOrdinalOrder()
    {
        var table = new SiteTable(i => i.IdServer!.Text.StartsWith('x') ? Site.Unparsed(i.IdServer.Text) : new Site("LHR", null, null, null, null, true));

        table.Resolve(Identity("xb"));
        table.Resolve(Identity("lhr1"));
        table.Resolve(Identity("xa"));

        Assert.Equal(["xa", "xb"], table.Unparsed.ToArray());
    }

    private static ObservedIdentity Identity(string idServer) => new(new IdentityValue(Encoding.ASCII.GetBytes(idServer)), null, null);
}
