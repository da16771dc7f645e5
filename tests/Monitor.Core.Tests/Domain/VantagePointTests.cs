using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Domain;

public sealed class VantagePointTests
{
    [Theory]
    [InlineData("ams-1", true)]
    [InlineData("vp_07", true)]
    [InlineData("AMS", false)]
    [InlineData("ams 1", false)]
    [InlineData("ams.1", false)]
    [InlineData("", false)]
    public void IsValidId_FollowsQueueNameRule(string id, bool valid) =>
        Assert.Equal(valid, VantagePoint.IsValidId(id));

    [Fact]
    public void Constructor_BadId_Throws() =>
        Assert.Throws<ArgumentException>(() => new VantagePoint("Bad Id"));

    [Fact]
    public void Latitude_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VantagePoint("ams") { Latitude = 91 });

    [Fact]
    public void Target_Defaults_AreIdServerNoRdUdp()
    {
        var target = new Target("t", IPAddress.Loopback);

        Assert.Equal(DnsQuestion.IdServer, target.Query);
        Assert.False(target.RecursionDesired);
        Assert.Equal(Transport.Udp, target.Transport);
        Assert.Equal(53, target.Port);
        Assert.Equal(IdentityMethods.Nsid | IdentityMethods.IdServer, target.Identity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Target_BadPort_Throws(int port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Target("t", IPAddress.Loopback) { Port = port });
}
