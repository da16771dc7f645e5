using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Storage;

namespace Monitor.Reporting;

/// <summary>An analysis of a window of stored measurements, with what it was made from.</summary>
/// <param name="Report">The analysis.</param>
/// <param name="Resolver">Identity to site, as the analysis used it.</param>
/// <param name="Vantages">The vantage points known.</param>
/// <param name="Query">The query the measurements were read with (series order).</param>
/// <param name="Targets">The targets defined in the store (active or not), with how each is queried.</param>
public sealed record StoredAnalysis(AnalysisReport Report, SiteResolver Resolver, IReadOnlyList<VantagePoint> Vantages, MeasurementQuery Query, IReadOnlyList<Target> Targets)
{
    /// <summary>The probe series for charts, when they were collected along with the analysis.</summary>
    public SeriesSet? Series { get; init; }

    /// <summary>Streams the window's measurements from the store through the analyzer.</summary>
    /// <param name="store">The store: its catalog and its measurements.</param>
    /// <typeparam name="TStore">A store with a catalog and a measurement log.</typeparam>
    /// <param name="window">The window analysed.</param>
    /// <param name="targetId">Only this target, or all.</param>
    /// <param name="rules">Site rules.</param>
    /// <param name="withSeries">Also collect the probe series for charts (<see cref="Series"/>) from the same read.</param>
    /// <param name="grouping">Also group latency and catchment by country, continent or AS (<c>--group-by</c>).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <param name="options">The analysis' rules (thresholds); null for the defaults.</param>
    public static async Task<StoredAnalysis> RunAsync<TStore>(
        TStore store, AnalysisWindow window, string? targetId, IReadOnlyList<SiteRule> rules, CancellationToken cancellationToken, bool withSeries = false, VantageGrouping grouping = VantageGrouping.Vantage, RouteOptions? options = null)
        where TStore : IStoreCatalog, IMeasurementLog
    {
        ArgumentNullException.ThrowIfNull(store);
        var resolver = new SiteResolver(rules, AirportTable.Default);
        var vantages = await store.ReadVantagePointsAsync(cancellationToken).ConfigureAwait(false);
        var targets = await store.ReadTargetsAsync(cancellationToken).ConfigureAwait(false);
        var providers = targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal);
        var analyzer = new Analyzer(resolver.Engine, providers, vantages.ToDictionary(v => v.Id, StringComparer.Ordinal), options)
        {
            Grouping = grouping,
            UnicastTargets = targets.Where(t => t.Kind == TargetKind.Unicast).Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            InterceptionSites = resolver,
        };
        var query = new MeasurementQuery { From = window.From, To = window.To, TargetId = targetId, Order = MeasurementOrder.Series, AllKinds = true };
        var identities = new IdentityTable();
        var columns = store is SqlMeasurementStore sql
            ? sql.ReadSeriesAsync(query, identities, cancellationToken)
            : ColumnarSeries.ReadAsync(store.ReadMeasurementsAsync(query, cancellationToken), identities, cancellationToken);
        var series = withSeries ? new SeriesSetBuilder(resolver.Resolve) : null;
        var report = await analyzer.AnalyzeAsync(series is null ? columns : Observe(columns, series.Add, cancellationToken), window, cancellationToken).ConfigureAwait(false);
        return new StoredAnalysis(report, resolver, vantages, query, targets) { Series = series?.Build() };
    }

    /// <summary>Hands each series to <paramref name="observe"/> on the reading thread, in order, as it passes to the analysis.</summary>
    private static async IAsyncEnumerable<ColumnarSeries> Observe(IAsyncEnumerable<ColumnarSeries> series, Action<ColumnarSeries> observe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var s in series.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            observe(s);
            yield return s;
        }
    }

    /// <summary>True when anything in the window answered.</summary>
    public bool AnyAnswer => Report.TargetLatency.Any(l => l.Latency.Answered > 0);
}
