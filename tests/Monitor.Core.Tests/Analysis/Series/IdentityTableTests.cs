using System.Text;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Series;

public sealed class IdentityTableTests
{
    [Fact]
    public void Intern_SameOctetsTwice_GivesTheSameId()
    {
        var table = new IdentityTable();

        var a = table.Intern(Identity("ams1"));
        var b = table.Intern(Identity("fra1"));
        var again = table.Intern(Identity("ams1"));

        Assert.Equal((0, 1, 0), (a, b, again));
        Assert.Equal(2, table.Count);
        Assert.Equal(Identity("fra1"), table[1]);
    }

    [Fact]
    public void Intern_EmptyIdentity_IsNone()
    {
        var table = new IdentityTable();

        Assert.Equal(IdentityTable.None, table.Intern(ObservedIdentity.None));
        Assert.Equal(0, table.Count);
        Assert.Same(ObservedIdentity.None, table.Of(IdentityTable.None));
    }

    [Fact]
    public void Indexer_IdNotHandedOut_Throws()
    {
        var table = new IdentityTable();
        table.Intern(Identity("ams1"));

        Assert.Throws<ArgumentOutOfRangeException>(() => table[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[-1]);
    }

    [Fact]
    public async Task Intern_ManyWhileAnotherThreadReads_EveryIdReadsBack()
    {
        var table = new IdentityTable();
        var done = false;
        var reader = Task.Run(() =>
        {
            var misses = 0;
            while (!Volatile.Read(ref done))
            {
                var count = table.Count;
                if (count > 0 && table[count - 1] is null)
                {
                    misses++;
                }
            }

            return misses;
        });
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i, table.Intern(Identity("site-" + i)));
        }

        Volatile.Write(ref done, true);
        Assert.Equal(0, await reader);
        Assert.Equal(Identity("site-4999"), table[4999]);
    }

    private static ObservedIdentity Identity(string idServer) => new(new IdentityValue(Encoding.ASCII.GetBytes(idServer)), null, null);
}
