using Monitor.Core.Analysis.Promises;

namespace Monitor.Core.Tests.Analysis.Promises;

public sealed class TargetSteeringTests
{
    [Theory]
    [InlineData(1, 0, SteeringKind.Unicast)]
    [InlineData(1, 1, SteeringKind.Unicast)]
    [InlineData(3, 1, SteeringKind.Anycast)]
    [InlineData(3, 0, SteeringKind.Anycast)]
    [InlineData(1, 2, SteeringKind.GeoDns)]
    [InlineData(0, 2, SteeringKind.GeoDns)]
    [InlineData(2, 2, SteeringKind.Both)]
    public void Kind_FromDistinctSitesAndAnswers(int sites, int answerSets, SteeringKind expected) =>
        Assert.Equal(expected, new TargetSteering("t", "p", 4, sites, answerSets).Kind);

    [Theory]
    [InlineData(new SteeringKind[0], SteeringKind.Unicast)]
    [InlineData(new[] { SteeringKind.Unicast, SteeringKind.Anycast }, SteeringKind.Anycast)]
    [InlineData(new[] { SteeringKind.GeoDns, SteeringKind.Unicast }, SteeringKind.GeoDns)]
    [InlineData(new[] { SteeringKind.GeoDns, SteeringKind.Anycast }, SteeringKind.Both)]
    [InlineData(new[] { SteeringKind.Both }, SteeringKind.Both)]
    public void Combine_Table(SteeringKind[] kinds, SteeringKind expected) =>
        Assert.Equal(expected, TargetSteering.Combine(kinds));
}
