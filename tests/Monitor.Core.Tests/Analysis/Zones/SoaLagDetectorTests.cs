using Monitor.Core.Analysis.Zones;

namespace Monitor.Core.Tests.Analysis.Zones;

public sealed class SoaLagDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(10);

    /// <summary>Site "ams" moves to serial 2 at minute 0; "fra" answers every minute, catching up at <paramref name="catchUp"/> (or never).</summary>
    private static List<SoaObservation> Bump(int minutes, int? catchUp)
    {
        var list = new List<SoaObservation> { new("t", "ams", T0.AddMinutes(-1), 1), new("t", "fra", T0.AddMinutes(-1), 1) };
        for (var m = 0; m <= minutes; m++)
        {
            list.Add(new("t", "ams", T0.AddMinutes(m), 2));
            list.Add(new("t", "fra", T0.AddMinutes(m).AddSeconds(30), catchUp is { } c && m >= c ? 2u : 1u));
        }

        return list;
    }

    [Theory]
    [InlineData(30, 20, true, 20.5)]   // lagged 20.5 min, then caught up: flagged and cleared
    [InlineData(30, 5, false, 0)]      // 5.5 min behind: under the threshold
    [InlineData(30, null, true, 30.5)] // never caught up: still lagging at its last answer
    public void Detect_SiteBehindNewestSerial_FlaggedOnlyPastThreshold(int minutes, int? catchUp, bool flagged, double lagMinutes)
    {
        var (_, lags) = SoaLagDetector.Detect(Bump(minutes, catchUp), Threshold);

        if (!flagged)
        {
            Assert.Empty(lags);
            return;
        }

        var lag = Assert.Single(lags);
        Assert.Equal("fra", lag.Site);
        Assert.Equal(T0, lag.Since);
        Assert.Equal(catchUp is { } c ? T0.AddMinutes(c).AddSeconds(30) : null, lag.Cleared);
        Assert.Equal(1u, lag.Serial);
        Assert.Equal(2u, lag.Newest);
        Assert.Equal(1, lag.Behind);
        Assert.Equal(TimeSpan.FromMinutes(lagMinutes), lag.Duration);
    }

    [Fact]
    public void Detect_Runs_OnePerSerialPerSite()
    {
        var (runs, _) = SoaLagDetector.Detect(Bump(3, 2), Threshold);

        Assert.Equal(
            [("ams", 1u, 1), ("ams", 2u, 4), ("fra", 1u, 3), ("fra", 2u, 2)],
            runs.Select(r => (r.Site, r.Serial, r.Answers)));
        Assert.Equal(T0.AddMinutes(2).AddSeconds(30), runs.Single(r => r.Site == "fra" && r.Serial == 2).From);
    }

    [Theory]
    [InlineData(4294967295u, 1u, true, 2)]
    [InlineData(1u, 4294967295u, false, 4294967294)]
    [InlineData(2026120100u, 2026120105u, true, 5)]
    public void IsNewerAndDistance_FollowRfc1982(uint older, uint newer, bool isNewer, long distance)
    {
        Assert.Equal(isNewer, SoaLagDetector.IsNewer(newer, older));
        Assert.Equal(distance, SoaLagDetector.Distance(older, newer));
    }

    [Fact]
    public void Detect_SerialWrapsPastZero_OldSiteLags()
    {
        List<SoaObservation> list = [new("t", "a", T0, 4294967295), new("t", "b", T0, 4294967295)];
        for (var m = 1; m <= 20; m++)
        {
            list.Add(new("t", "a", T0.AddMinutes(m), 1));
            list.Add(new("t", "b", T0.AddMinutes(m), 4294967295));
        }

        var lag = Assert.Single(SoaLagDetector.Detect(list, Threshold).Lags);

        Assert.Equal("b", lag.Site);
        Assert.Equal(2, lag.Behind);
        Assert.Equal(1u, lag.Newest);
    }

    [Fact]
    public void Detect_TargetsApart_NoCrossTalk()
    {
        var list = Bump(30, null).Select(o => o with { TargetId = "x" }).ToList();
        list.AddRange(Enumerable.Range(0, 30).Select(m => new SoaObservation("y", "fra", T0.AddMinutes(m), 1)));

        var lags = SoaLagDetector.Detect(list, Threshold).Lags;

        Assert.Equal(["x"], lags.Select(l => l.TargetId));
    }
}
