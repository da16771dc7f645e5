using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// The text form of a target's sites in the <c>targets.sites</c> column: <c>id=address</c> pairs
/// joined by commas, e.g. <c>ams1=192.0.2.1,fra1=2001:db8::1</c>. Site ids hold neither '=' nor ','.
/// </summary>
public static class TargetSites
{
    /// <summary>The column text, or null for no sites.</summary>
    public static string? Format(IReadOnlyList<TargetSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.Count == 0 ? null : string.Join(',', sites.Select(s => s.Id + "=" + s.Address));
    }

    /// <summary>Reads the column text back.</summary>
    /// <exception cref="FormatException">The text is not a list of <c>id=address</c> pairs.</exception>
    public static IReadOnlyList<TargetSite> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var sites = new List<TargetSite>();
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IPAddress.TryParse(pair.AsSpan(equals + 1), out var address))
            {
                throw new FormatException($"'{pair}' in the targets.sites column is not id=address.");
            }

            sites.Add(new TargetSite(pair[..equals], address));
        }

        return sites;
    }
}
