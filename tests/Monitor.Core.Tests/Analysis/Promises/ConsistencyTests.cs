using Monitor.Core.Analysis.Promises;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Promises;

public sealed class ConsistencyTests
{
    private static readonly Dictionary<string, VantagePoint> Vantages = new(StringComparer.Ordinal)
    {
        ["ams"] = new("ams") { Country = "NL" },
        ["fra"] = new("fra") { Country = "DE" },
        ["nyc"] = new("nyc") { Country = "US" },
        ["nowhere"] = new("nowhere"),
    };

    private static string? ContinentOf(string? country) => country switch { "NL" or "DE" => "EU", "US" => "NA", _ => null };

    [Fact]
    public void Compute_PoolsRttsPerRegion_AndRanksBySpread()
    {
        var rtts = new Dictionary<(string, string), IReadOnlyList<double>>
        {
            [("even", "ams")] = [10, 10, 10],
            [("even", "fra")] = [20, 20, 20],
            [("even", "nyc")] = [20, 20, 20],
            [("even", "nowhere")] = [500],
            [("skewed", "ams")] = [5],
            [("skewed", "fra")] = [5],
            [("skewed", "nyc")] = [50],
        };

        var (regions, spreads) = Consistency.Compute(rtts, Vantages, ContinentOf);

        // EU pools ams and fra: 10,10,10,20,20,20 has median 15; the VP without a country is in no region.
        var eu = Assert.Single(regions, r => r is { Provider: "even", Level: "continent", Region: "EU" });
        Assert.Equal(2, eu.Vantages);
        Assert.Equal(15, eu.P50Ms, 9);
        Assert.Equal(3, regions.Count(r => r is { Provider: "even", Level: "country" }));

        var continent = spreads.Where(s => s.Level == "continent").ToList();
        Assert.Equal(["even", "skewed"], continent.Select(s => s.Provider));
        Assert.Equal([1, 2], continent.Select(s => s.Rank));
        var even = continent[0];
        Assert.Equal(("EU", 15.0, "NA", 20.0), (even.BestRegion, even.BestP50Ms, even.WorstRegion, even.WorstP50Ms));
        Assert.Equal(20.0 / 15, even.Ratio!.Value, 9);

        // CV of {15, 20}: mean 17.5, population sd 2.5.
        Assert.Equal(2.5 / 17.5, even.Cv!.Value, 9);
        Assert.Equal(10, continent[1].Ratio!.Value, 9);
    }

    [Theory]
    [InlineData(new[] { 10.0 }, 1.0, 0.0)]
    [InlineData(new[] { 10.0, 30.0 }, 3.0, 0.5)]
    [InlineData(new[] { 10.0, 20.0, 30.0 }, 3.0, 0.40824829046)]
    public void Spread_RatioAndCv(double[] medians, double ratio, double cv)
    {
        var regions = medians.Select((m, i) => new RegionalLatency("p", "country", $"R{i}", 1, m)).ToList();

        var s = Assert.Single(Consistency.Spread(regions));

        Assert.Equal(medians.Length, s.Regions);
        Assert.Equal(ratio, s.Ratio!.Value, 9);
        Assert.Equal(cv, s.Cv!.Value, 9);
    }

    [Fact]
    public void Spread_ZeroBest_HasNoRatio()
    {
        var s = Assert.Single(Consistency.Spread([new("p", "country", "A", 1, 0), new("p", "country", "B", 1, 3)]));

        Assert.Null(s.Ratio);
        Assert.Equal(1, s.Cv!.Value, 9);
    }
}
