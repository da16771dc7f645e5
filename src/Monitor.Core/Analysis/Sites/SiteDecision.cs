using System.Globalization;

using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>Physics and the choice: rejects candidates light could not reach in time, picks the site, sets confidence.</summary>
internal static class SiteDecision
{
    /// <summary>Applies physics to a reading's candidates and picks the site.</summary>
    /// <param name="reading">The candidates of one identity text.</param>
    /// <param name="physics">The vantage point's position and minimum RTT, or null.</param>
    /// <param name="overrides">Names of rules from the user's rule file: physics never rejects their candidates.</param>
    public static SiteIdentification Decide(SiteReading reading, PhysicsContext? physics, IReadOnlySet<string> overrides)
    {
        var evidence = new List<string>();
        SiteCandidate? chosen = null;
        string? support = null;
        var rejected = new List<SiteCandidate>();
        foreach (var candidate in reading.Candidates)
        {
            if (candidate.Confidence == SiteConfidence.Unknown)
            {
                continue;
            }

            if (physics is not null && candidate.Place.HasCoordinates)
            {
                var distance = physics.DistanceKm(candidate.Place.Latitude!.Value, candidate.Place.Longitude!.Value);
                if (distance > physics.ReachKm && overrides.Contains(candidate.Rule))
                {
                    evidence.Add(Rejection(candidate, distance, physics).Replace("physics rejected", "physics contradicts", StringComparison.Ordinal) + "; kept: a rule of the --sites file says so");
                    chosen = candidate;
                    break;
                }

                if (distance > physics.ReachKm)
                {
                    rejected.Add(candidate);
                    evidence.Add(Rejection(candidate, distance, physics));
                    continue;
                }

                if (physics.ReachKm <= SiteEngine.SupportingReachKm)
                {
                    support = string.Create(CultureInfo.InvariantCulture, $"physics supports it: {distance:0} km away, within {physics.ReachKm:0} km");
                }
            }

            chosen = candidate;
            break;
        }

        if (chosen is null && rejected.Count > 0)
        {
            // Unknown for this vantage point, under a code of its own: the same text read from elsewhere may be
            // the real site, and the two must not meet in one code.
            var codes = string.Join(", ", rejected.Select(c => c.Place.Code).Distinct(StringComparer.Ordinal));
            var why = $"physics rejected every candidate ({rejected.Count.ToString(CultureInfo.InvariantCulture)}: {codes}); the node is not where its name says, the vantage point not where it is registered, or the path intercepts";
            return SiteIdentification.Rejected(reading.Text, rejected[0].Place.ToSite(), why, evidence);
        }

        if (chosen is null)
        {
            return SiteIdentification.Unknown(reading.Text, reading.Candidates.Length > 0 ? "no token is in a shape sites are written in" : reading.Reason, evidence);
        }

        var confidence = chosen.Confidence;
        var generic = chosen.Rule.StartsWith("generic:", StringComparison.Ordinal);
        if (generic && support is not null && confidence == SiteConfidence.Low)
        {
            confidence = SiteConfidence.Medium;
        }

        var decided = new List<string> { chosen.Evidence };
        if (support is not null)
        {
            decided.Add(support);
        }
        else if (generic)
        {
            decided.Add("no operator convention and no physics support: low confidence");
        }

        // A different place that scored the same is an ambiguity the engine does not settle by itself,
        // unless physics rules it out.
        if (generic)
        {
            foreach (var rival in reading.Candidates.Where(c => !ReferenceEquals(c, chosen) && c.Confidence != SiteConfidence.Unknown &&
                         Math.Abs(c.Score - chosen.Score) < 1e-9 && (c.Place.Country != chosen.Place.Country || c.Place.City != chosen.Place.City)))
            {
                if (evidence.Exists(e => e.Contains(rival.Place.Describe(), StringComparison.Ordinal)))
                {
                    continue;
                }

                if (physics is not null && rival.Place.HasCoordinates &&
                    physics.DistanceKm(rival.Place.Latitude!.Value, rival.Place.Longitude!.Value) is var far && far > physics.ReachKm)
                {
                    evidence.Add(Rejection(rival, far, physics));
                    continue;
                }

                decided.Add($"as likely: {rival.Place.Describe()}");
                confidence = SiteConfidence.Low;
                break;
            }
        }

        return new SiteIdentification(chosen.Place.ToSite(), confidence, chosen.Rule, new ValueList<string>([.. decided, .. evidence]), null);
    }

    private static string Rejection(SiteCandidate candidate, double distance, PhysicsContext physics) => string.Create(
        CultureInfo.InvariantCulture,
        $"physics rejected {candidate.Place.Describe()} from '{candidate.Token}': {distance:0} km away, farther than {PhysicsContext.FibreKmPerMs:0} km/ms × {physics.MinRttMs:0.###} ms / 2 + {PhysicsContext.SlackKm:0} km = {physics.ReachKm:0} km");
}
