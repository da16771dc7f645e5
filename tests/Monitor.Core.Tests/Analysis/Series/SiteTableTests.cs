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
