namespace Monitor.Core.Analysis;

/// <summary>
/// The catchment of two windows compared: which vantage points moved to another dominant site,
/// and how each site's share of vantage points changed.
/// </summary>
/// <param name="Baseline">The earlier (reference) window.</param>
/// <param name="Window">The window analysed.</param>
/// <param name="Moved">Vantage points whose dominant site changed, appeared or disappeared.</param>
/// <param name="Unchanged">Vantage point and target pairs on the same dominant site in both.</param>
/// <param name="Sites">Every site seen in either window with its share in both.</param>
public sealed record CatchmentComparison(
    AnalysisWindow Baseline,
    AnalysisWindow Window,
    IReadOnlyList<CatchmentChange> Moved,
    int Unchanged,
    IReadOnlyList<SiteShareChange> Sites)
{
    /// <summary>Compares the catchment of <paramref name="baseline"/> with that of <paramref name="current"/>.</summary>
    public static CatchmentComparison Compare(AnalysisReport baseline, AnalysisReport current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = Dominant(baseline);
        var after = Dominant(current);
        var moved = new List<CatchmentChange>();
        var unchanged = 0;
        foreach (var key in before.Keys.Union(after.Keys).OrderBy(k => k.Target, StringComparer.Ordinal).ThenBy(k => k.Vantage, StringComparer.Ordinal))
        {
            var b = before.GetValueOrDefault(key);
            var a = after.GetValueOrDefault(key);
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                unchanged++;
            }
            else
            {
                moved.Add(new CatchmentChange(key.Target, key.Vantage, b, a));
            }
        }

        var shareBefore = baseline.Sites.ToDictionary(s => (s.TargetId, s.Site), s => s.Share);
        var shareAfter = current.Sites.ToDictionary(s => (s.TargetId, s.Site), s => s.Share);
        var sites = shareBefore.Keys.Union(shareAfter.Keys)
            .OrderBy(k => k.TargetId, StringComparer.Ordinal).ThenBy(k => k.Site, StringComparer.Ordinal)
            .Select(k => new SiteShareChange(k.TargetId, k.Site, shareBefore.GetValueOrDefault(k), shareAfter.GetValueOrDefault(k)))
            .ToList();
        return new CatchmentComparison(baseline.Window, current.Window, moved, unchanged, sites);
    }

    private static Dictionary<(string Target, string Vantage), string> Dominant(AnalysisReport report) =>
        report.Catchment.Where(c => c.Dominant).ToDictionary(c => (c.TargetId, c.VantageId), c => c.Site);
}
