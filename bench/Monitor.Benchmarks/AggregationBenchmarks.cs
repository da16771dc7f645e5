using BenchmarkDotNet.Attributes;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Benchmarks;

/// <summary>Aggregation: latency percentiles over 10,000 RTTs, and the whole analyzer over the sample network.</summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private readonly double[] _rtts = [.. Enumerable.Range(0, 10_000).Select(i => 5 + (Math.Sin(i) * Math.Sin(i) * 40))];
    private readonly Measurement[] _bySeries = [.. SampleNetwork.Build().SelectMany(r => r.Measurements)
        .OrderBy(m => m.VantageId, StringComparer.Ordinal).ThenBy(m => m.TargetId, StringComparer.Ordinal).ThenBy(m => m.Started)];

    private readonly SiteResolver _resolver = SiteResolver.CreateDefault();

    [Benchmark]
    public LatencySummary Percentiles10k() => LatencySummary.FromUnsorted(_rtts.Length, [.. _rtts]);

    [Benchmark]
    public async Task<AnalysisReport> AnalyzeSampleNetwork()
    {
        var analyzer = new Analyzer(
            _resolver.Resolve,
            SampleNetwork.Targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal),
            SampleNetwork.Vantages.ToDictionary(v => v.Id, StringComparer.Ordinal));
        return await analyzer.AnalyzeAsync(_bySeries.ToAsyncEnumerable(), new AnalysisWindow(null, null), CancellationToken.None).ConfigureAwait(false);
    }
}
