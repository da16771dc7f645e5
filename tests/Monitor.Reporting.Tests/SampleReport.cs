using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Reporting.Tests;

/// <summary>The sample network analysed in memory, as the CLI would from a store.</summary>
internal static class SampleReport
{
    public static async Task<ReportContent> BuildAsync(string title = "Sample report", IEnumerable<Measurement>? extra = null)
    {
        var measurements = SampleNetwork.Build().SelectMany(r => r.Measurements).Concat(extra ?? [])
            .OrderBy(m => m.VantageId, StringComparer.Ordinal).ThenBy(m => m.TargetId, StringComparer.Ordinal).ThenBy(m => m.Started).ToList();
        var resolver = new SiteResolver(SiteResolver.DefaultRules, AirportTable.Default);
        var providers = SampleNetwork.Targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal);
        var analyzer = new Analyzer(resolver.Resolve, providers, SampleNetwork.Vantages.ToDictionary(v => v.Id, StringComparer.Ordinal));
        var report = await analyzer.AnalyzeAsync(measurements.ToAsyncEnumerable(), AnalysisWindow.All, CancellationToken.None);
        var series = await SeriesSet.CollectAsync(measurements.ToAsyncEnumerable(), resolver.Resolve, CancellationToken.None);
        return new ReportContent(title, report, series, SampleNetwork.Vantages, ["Query: id.server CH TXT over UDP"], SampleNetwork.Start.AddHours(2)) { Targets = SampleNetwork.Targets };
    }
}
