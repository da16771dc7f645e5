using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Reporting.Text;

namespace Monitor.Reporting.View;

/// <summary>
/// Finds answer sets faster than light in fibre allows (<see cref="FibrePhysics"/>) between a vantage
/// point's registered place and the site its answers claim, and names the likely cause from the pattern:
/// a vantage point that breaks physics with several targets is probably misplaced; a site that breaks it
/// from several vantage points, or whose identity was a guess, is probably mislabelled; one answer set
/// alone may be interception (a nearer box answering for the operator).
/// </summary>
internal static class Physics
{
    public static IReadOnlyList<PhysicsViolation> Find(ReportView view)
    {
        var a = view.Analysis;
        var raw = new List<(string Target, string Vantage, string Site, double Km, double Min, double Floor)>();
        foreach (var row in a.Latency)
        {
            if (row.VantageId is not { } vantage || row.Site is not { } code || row.Latency.MinMs is not { } min
                || view.Vantage(vantage) is not { Latitude: { } vlat, Longitude: { } vlon }
                || Claimed(view, code) is not { Latitude: { } slat, Longitude: { } slon, Code: var site })
            {
                continue;
            }

            var km = FibrePhysics.DistanceKm(vlat, vlon, slat, slon);
            var floor = FibrePhysics.MinimumRttMs(km);
            if (min < floor)
            {
                raw.Add((row.TargetId, vantage, site, km, min, floor));
            }
        }

        // Several identities claiming one site from one vantage point (k1 and k2 of a node) are one finding.
        raw = [.. raw.GroupBy(r => (r.Target, r.Vantage, r.Site)).Select(g => g.MinBy(r => r.Min))];
        var targetsPerVantage = raw.GroupBy(r => r.Vantage, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Target).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var vantagesPerSite = raw.GroupBy(r => (r.Target, r.Site)).ToDictionary(g => g.Key, g => g.Select(r => r.Vantage).Distinct(StringComparer.Ordinal).Count());
        var intercepted = a.Interception.Findings.Select(f => (f.TargetId, f.VantageId)).ToHashSet();
        return [.. raw.OrderByDescending(r => r.Floor - r.Min).Select(r =>
        {
            var guessed = a.SiteIdentifications.TryGetValue(r.Site, out var id) && id.Confidence is SiteConfidence.Low;
            var cause = intercepted.Contains((r.Target, r.Vantage)) ? "interception (the interception tests flagged it too)"
                : targetsPerVantage[r.Vantage] >= 2 ? $"vantage point misplaced (it breaks physics with {targetsPerVantage[r.Vantage]} targets)"
                : guessed ? "site mislabelled (its identity was only a guess)"
                : vantagesPerSite[(r.Target, r.Site)] >= 2 ? $"site mislabelled ({vantagesPerSite[(r.Target, r.Site)]} vantage points see it too fast)"
                : "site mislabelled or interception (one answer set: cannot tell which)";
            return new PhysicsViolation(r.Target, r.Vantage, PlaceOf(view, r.Vantage), r.Site, SitePlace(view, r.Site), r.Km, r.Min, r.Floor, cause);
        })];
    }

    /// <summary>
    /// The site a latency row's answers claim: for an identity the site engine rejected for that vantage point
    /// (unknown there, under its own code), the site its text names; otherwise the row's site.
    /// </summary>
    private static Site? Claimed(ReportView view, string code) =>
        view.Analysis.SiteIdentifications.GetValueOrDefault(code)?.Claimed ?? view.Content.Series.Sites.GetValueOrDefault(code);

    private static string PlaceOf(ReportView view, string vantage)
    {
        var vp = view.Vantage(vantage);
        var text = ReportView.Where(vp?.City, vp?.Country);
        return text.Length == 0 ? "-" : text;
    }

    private static string SitePlace(ReportView view, string site)
    {
        var s = Claimed(view, site);
        var text = ReportView.Where(s?.City, s?.Country);
        return text.Length == 0 ? "-" : text;
    }
}
