using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Domain;

public sealed class DnsQuestionTests
{
    [Theory]
    [InlineData("id.server", "id.server")]
    [InlineData("id.server.", "id.server")]
    [InlineData(".", "")]
    [InlineData("EXAMPLE.com", "EXAMPLE.com")]
    public void Name_IsKeptWithoutTrailingDot(string name, string expected) =>
        Assert.Equal(expected, new DnsQuestion(name, DnsClasses.IN, DnsTypes.A).Name);

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a b")]
    [InlineData("caf\u00e9.example")]
    [InlineData("a\\000b")]
    public void Constructor_BadName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new DnsQuestion(name, DnsClasses.IN, DnsTypes.A));

    [Fact]
    public void Constructor_LabelOver63_Throws() =>
        Assert.Throws<ArgumentException>(() => new DnsQuestion(new string('a', 64) + ".example", DnsClasses.IN, DnsTypes.A));

    [Fact]
    public void Constructor_NameOver255_Throws() =>
        Assert.Throws<ArgumentException>(() => new DnsQuestion(string.Join('.', Enumerable.Repeat(new string('a', 63), 4)), DnsClasses.IN, DnsTypes.A));

    [Fact]
    public void Equals_IgnoresCaseButNotClassOrType()
    {
        Assert.Equal(DnsQuestion.IdServer, new DnsQuestion("ID.SERVER.", DnsClasses.CH, DnsTypes.TXT));
        Assert.NotEqual(DnsQuestion.IdServer, new DnsQuestion("id.server", DnsClasses.IN, DnsTypes.TXT));
        Assert.NotEqual(DnsQuestion.IdServer, new DnsQuestion("id.server", DnsClasses.CH, DnsTypes.A));
        Assert.NotEqual(DnsQuestion.IdServer, DnsQuestion.HostnameBind);
    }
}
