using Monitor.Core.Analysis.Routing;

namespace Monitor.Core.Tests.Analysis.Routing;

public sealed class FibrePhysicsTests
{
    [Theory]
    [InlineData(52.31, 4.76, 51.47, -0.45, 371, 10)] // AMS–LHR
    [InlineData(52.31, 4.76, 40.64, -73.78, 5860, 30)] // AMS–JFK
    [InlineData(0, 0, 0, 0, 0, 0.001)]
    public void DistanceKm_KnownPairs(double lat1, double lon1, double lat2, double lon2, double km, double tolerance) =>
        Assert.InRange(FibrePhysics.DistanceKm(lat1, lon1, lat2, lon2), km - tolerance, km + tolerance);

    [Fact]
    public void MinimumRttMs_IsTwiceDistanceOver200() =>
        Assert.Equal(58.6, FibrePhysics.MinimumRttMs(5860), 9);
}
