using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting.Tests.Analysis;

/// <summary>
/// The analysis of <see cref="VariedNetwork"/> against reports written by the analyzer as it was before the
/// columnar rewrite (commit 1af8e20, files beside this one): the JSON and the text, per grouping. Set
/// <c>MONITOR_WRITE_GOLDEN=1</c> to write the files anew, only from a build whose outputs are trusted.
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

    internal static Task<AnalysisReport> AnalyzeAsync(IReadOnlyList<Measurement> measurements, VantageGrouping grouping)
    {
        var resolver = new SiteResolver(SiteResolver.DefaultRules, AirportTable.Default);
        var analyzer = new Analyzer(
            resolver.Engine,
            VariedNetwork.Targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal),
            VariedNetwork.Vantages.ToDictionary(v => v.Id, StringComparer.Ordinal))
        {
            Grouping = grouping,
            UnicastTargets = VariedNetwork.Targets.Where(t => t.Kind == TargetKind.Unicast).Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            InterceptionSites = resolver,
        };
        return analyzer.AnalyzeAsync(measurements.ToAsyncEnumerable(), AnalysisWindow.All, CancellationToken.None);
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
