using System.Text;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Series;

public sealed class StoreIdentitiesTests
{
    private static readonly string[] Values = ["ams1", "ams1.example", "fra1"];

    [Fact]
    public void IdOf_SameTripleAgain_MakesTheIdentityOnce()
    {
        var made = 0;
        var map = new StoreIdentities(new IdentityTable(), n =>
        {
            made++;
            return new IdentityValue(Encoding.ASCII.GetBytes(Values[n]));
        });

        var first = map.IdOf(0, -1, 1);
        var other = map.IdOf(2, -1, -1);
        var again = map.IdOf(0, -1, 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(3, made);
        Assert.Equal("id.server=ams1 nsid=ams1.example", map.Identities[first].ToString());
    }

    [Fact]
    public void IdOf_NoNumbers_IsNone()
    {
        var map = new StoreIdentities(new IdentityTable(), _ => throw new InvalidOperationException("not to be called"));

        Assert.Equal(IdentityTable.None, map.IdOf(-1, -1, -1));
    }

    [Fact]
    public void IdOf_TwoTriplesOfTheSameValues_ShareTheTablesId()
    {
        // A store may keep one value under two numbers (two methods): the table still interns by value.
        string[] values = ["ams1", "ams1"];
        var map = new StoreIdentities(new IdentityTable(), n => new IdentityValue(Encoding.ASCII.GetBytes(values[n])));

        Assert.Equal(map.IdOf(0, -1, -1), map.IdOf(1, -1, -1));
    }
}
