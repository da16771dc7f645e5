using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting.Tests.Analysis;

/// <summary>
/// The analysis of <see cref="VariedNetwork"/> against reports written by the analyzer as it was before the
/// columnar rewrite (commit 1af8e20, files beside this one): the JSON and the text, per grouping. Set
/// <c>MONITOR_WRITE_GOLDEN=1</c> to write the files anew, only from a build whose outputs are trusted. The
/// measurements go in as rows (turned into columns inside) and as columns a store reader would fill.
/// </summary>
public sealed class ColumnarAnalysisTests
{
    [Theory]
    [InlineData(VantageGrouping.Vantage, "varied-analysis")]
    [InlineData(VantageGrouping.Country, "varied-analysis-country")]
    public async Task AnalyzeAsync_VariedNetwork_MatchesTheReportsOfTheRowAnalyzer(VantageGrouping grouping, string name)
    {
        var report = await AnalyzeAsync(VariedNetwork.Build(), grouping);

        var json = ReportWriter.AnalysisJson(report);
        var text = new StringWriter();
        ReportWriter.WriteAnalysisText(report, "varied", null, text);

        Golden(name + ".json", json);
        Golden(name + ".txt", text.ToString());
    }

    [Theory]
    [InlineData(VantageGrouping.Vantage, "varied-analysis")]
    [InlineData(VantageGrouping.Country, "varied-analysis-country")]
    public async Task AnalyzeAsync_ColumnsWithIdentitiesInternedInAnotherOrder_MatchTheSameReports(VantageGrouping grouping, string name)
    {
        // A store reader interns identities in its own order (here: the last seen first); ids must not matter.
        var measurements = VariedNetwork.Build();
        var identities = new IdentityTable();
        foreach (var identity in measurements.Select(m => m.Identity).Reverse())
        {
            identities.Intern(identity);
        }

        var series = measurements.GroupBy(m => (m.VantageId, m.TargetId))
            .Select(g => ColumnarSeries.FromMeasurements(g.Key.VantageId, g.Key.TargetId, [.. g], identities))
            .ToList();

        var report = await Analyzer(grouping).AnalyzeAsync(series.ToAsyncEnumerable(), AnalysisWindow.All, CancellationToken.None);

        Golden(name + ".json", ReportWriter.AnalysisJson(report));
    }

    [Fact]
    public async Task SeriesSetBuilder_ColumnsAndMeasurements_CollectTheSamePoints()
    {
        var measurements = VariedNetwork.Build();
        var resolver = new SiteResolver(SiteResolver.DefaultRules, AirportTable.Default);
        var byRow = new SeriesSetBuilder(resolver.Resolve);
        measurements.ForEach(byRow.Add);
        var byColumns = new SeriesSetBuilder(resolver.Resolve);
        await foreach (var series in ColumnarSeries.ReadAsync(measurements.ToAsyncEnumerable(), new IdentityTable(), CancellationToken.None))
        {
            byColumns.Add(series);
        }

        var (rows, columns) = (byRow.Build(), byColumns.Build());

        Assert.Equal(rows.Keys, columns.Keys);
        Assert.Equal(rows.Sites.Keys, columns.Sites.Keys);
        Assert.All(rows.Keys, k => Assert.Equal(rows.Get(k.Vantage, k.Target), columns.Get(k.Vantage, k.Target)));
        Assert.Equal(rows.TypicalInterval, columns.TypicalInterval);
    }

    [Fact]
    public async Task AnalyzeAsync_SeriesTwice_Throws()
    {
        var measurements = VariedNetwork.Build().Where(m => m.VantageId == "vp-ams" && m.TargetId == "quad9").ToList();
        var identities = new IdentityTable();
        var once = ColumnarSeries.FromMeasurements("vp-ams", "quad9", measurements, identities);

        await Assert.ThrowsAsync<ArgumentException>(() => Analyzer(VantageGrouping.Vantage).AnalyzeAsync(new[] { once, once }.ToAsyncEnumerable(), AnalysisWindow.All, CancellationToken.None));
    }

    internal static Task<AnalysisReport> AnalyzeAsync(IReadOnlyList<Measurement> measurements, VantageGrouping grouping) =>
        Analyzer(grouping).AnalyzeAsync(measurements.ToAsyncEnumerable(), AnalysisWindow.All, CancellationToken.None);

    private static Analyzer Analyzer(VantageGrouping grouping)
    {
        var resolver = new SiteResolver(SiteResolver.DefaultRules, AirportTable.Default);
        return new Analyzer(
            resolver.Engine,
            VariedNetwork.Targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal),
            VariedNetwork.Vantages.ToDictionary(v => v.Id, StringComparer.Ordinal))
        {
            Grouping = grouping,
            UnicastTargets = VariedNetwork.Targets.Where(t => t.Kind == TargetKind.Unicast).Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            InterceptionSites = resolver,
        };
    }

    private static void Golden(string file, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, file);
        if (Environment.GetEnvironmentVariable("MONITOR_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
