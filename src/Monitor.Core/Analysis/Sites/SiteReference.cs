using System.Text;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// The reference tables <see cref="SiteEngine"/> reads codes with: IATA airports (OurAirports), IATA
/// metropolitan codes, closed airports operators still name, UN/LOCODE (UNECE), and city names drawn
/// from them. See <c>probes/data/README.md</c> for sources and licences. Immutable; thread-safe.
/// </summary>
public sealed class SiteReference
{
    private static readonly Lazy<SiteReference> DefaultReference = new(
        () => new SiteReference(AirportTable.Default, LocodeTable.Default, NodeSiteTable.Default, AirportTable.Unscheduled),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<Dictionary<string, SitePlace[]>> _cities;
    private readonly Lazy<HashSet<string>> _placeNames;

    /// <summary>Creates a reference from tables, without a node list or airports lacking scheduled service.</summary>
    public SiteReference(AirportTable airports, LocodeTable locodes)
        : this(airports, locodes, NodeSiteTable.Empty, null)
    {
    }

    private SiteReference(AirportTable airports, LocodeTable locodes, NodeSiteTable nodes, AirportTable? unscheduled)
    {
        Airports = airports ?? throw new ArgumentNullException(nameof(airports));
        Locodes = locodes ?? throw new ArgumentNullException(nameof(locodes));
        Nodes = nodes;
        _unscheduled = unscheduled;
        _cities = new Lazy<Dictionary<string, SitePlace[]>>(BuildCities, LazyThreadSafetyMode.ExecutionAndPublication);
        _placeNames = new Lazy<HashSet<string>>(
            () => new HashSet<string>(Locodes.Entries.Select(e => NormalizeName(e.Name)).Where(n => n.Length >= MinCityNameLength), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Operators' node lists (a dated snapshot), consulted for identities they name exactly.</summary>
    public NodeSiteTable Nodes { get; }

    /// <summary>The same tables without the node list: conventions and the generic method alone.</summary>
    public SiteReference WithoutNodeList() => new(Airports, Locodes, NodeSiteTable.Empty, _unscheduled);

    private readonly AirportTable? _unscheduled;

    /// <summary>The embedded tables.</summary>
    public static SiteReference Default => DefaultReference.Value;

    /// <summary>IATA airport and metropolitan codes.</summary>
    public AirportTable Airports { get; }

    /// <summary>UN/LOCODE.</summary>
    public LocodeTable Locodes { get; }

    /// <summary>City names are looked up only when at least this long (shorter ones are too often words).</summary>
    internal const int MinCityNameLength = 4;

    /// <summary>Every place a three-letter code names: the airport, the metropolitan code, the closed airport.</summary>
    internal List<SitePlace> ThreeLetter(string code)
    {
        var places = new List<SitePlace>(2);
        if (code.Length != 3)
        {
            return places;
        }

        var key = code.ToUpperInvariant();
        if (Airports.TryGetAirport(key, out var airport))
        {
            places.Add(SitePlace.Of(airport, "airport"));
        }

        if (MetropolitanCodes.All.TryGetValue(key, out var metro))
        {
            places.Add(SitePlace.Of(metro, "metropolitan code"));
        }

        if (ClosedAirports.All.TryGetValue(key, out var closed))
        {
            places.Add(SitePlace.Of(closed, "closed airport"));
        }

        if (_unscheduled is not null && _unscheduled.TryGetAirport(key, out var unscheduled))
        {
            places.Add(SitePlace.Of(unscheduled, "airport without scheduled service"));
        }

        return places;
    }

    /// <summary>
    /// The place a UN/LOCODE names. Where UNECE gives no coordinates, an airport or metropolitan code with
    /// the same letters in the same country lends them (<c>GB LON</c> → London).
    /// </summary>
    internal SitePlace? Locode(string country, string location)
    {
        if (!Locodes.TryGet(country, location, out var entry))
        {
            return null;
        }

        var (lat, lon) = (entry.Latitude, entry.Longitude);
        if (lat is null || lon is null)
        {
            var same = ThreeLetter(location).FirstOrDefault(p => p.Country == entry.Country);
            lat = same?.Latitude;
            lon = same?.Longitude;
        }

        return new SitePlace(entry.Location, entry.Name, entry.Country, lat, lon, "UN/LOCODE");
    }

    /// <summary>True when a UN/LOCODE place or an airport's city has this name (lower-case ASCII letters only).</summary>
    internal bool IsPlaceName(string normalized) => _cities.Value.ContainsKey(normalized) || _placeNames.Value.Contains(normalized);

    /// <summary>Places whose city is called <paramref name="normalized"/> (lower-case ASCII letters only).</summary>
    internal IReadOnlyList<SitePlace> City(string normalized) =>
        _cities.Value.TryGetValue(normalized, out var places) ? places : [];

    /// <summary>
    /// Lower-case ASCII letters of a name, diacritics removed by <see cref="LatinFolding"/> (not by
    /// <see cref="string.Normalize()"/>, which does nothing under invariant globalization): <c>São Paulo</c> →
    /// <c>saopaulo</c>, <c>Köln</c> → <c>koln</c>.
    /// </summary>
    internal static string NormalizeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (LatinFolding.TryAppend(c, sb))
            {
                continue;
            }

            if (c is not (' ' or '-' or '\'' or '.' or '\u2019'))
            {
                // Parentheses, commas, slashes: the name ends here ("Bordeaux/Mérignac" → "bordeaux").
                break;
            }
        }

        return sb.ToString();
    }

    private Dictionary<string, SitePlace[]> BuildCities()
    {
        // Per normalised city name and country, every airport and metropolitan code of that city; then one
        // place stands for the city: the metropolitan code, else the airport whose code is the city's own
        // UN/LOCODE location (Johannesburg is ZA JNB, so JNB rather than Lanseria), else the first by code.
        var byName = new Dictionary<string, Dictionary<string, List<(Airport Airport, bool Metro)>>>(StringComparer.Ordinal);
        void Add(string name, Airport airport, bool metro)
        {
            AddKey(NormalizeName(name), airport, metro);

            // "Frankfurt am Main" is also written "frankfurt": a first word long enough to be a name.
            var space = name.IndexOfAny([' ', '-', '/', ',', '(']);
            if (space >= 6)
            {
                AddKey(NormalizeName(name[..space]), airport, metro);
            }
        }

        void AddKey(string key, Airport airport, bool metro)
        {
            if (key.Length < MinCityNameLength)
            {
                return;
            }

            if (!byName.TryGetValue(key, out var countries))
            {
                byName[key] = countries = new Dictionary<string, List<(Airport, bool)>>(StringComparer.Ordinal);
            }

            if (!countries.TryGetValue(airport.Country, out var list))
            {
                countries[airport.Country] = list = [];
            }

            list.Add((airport, metro));
        }

        foreach (var metro in MetropolitanCodes.All.Values)
        {
            Add(metro.City, metro, metro: true);
        }

        foreach (var airport in Airports.Airports.OrderBy(a => a.Iata, StringComparer.Ordinal))
        {
            if (airport.City.Length > 0)
            {
                Add(airport.City, airport, metro: false);
            }

            // The UN/LOCODE with the airport's own letters names its city too, often as people write it:
            // IN DEL is "Delhi" where OurAirports says "New Delhi", IN BOM "Mumbai (ex Bombay)".
            if (Locodes.TryGet(airport.Country, airport.Iata, out var own))
            {
                AddKey(NormalizeName(own.Name), airport, metro: false);
            }
        }

        return byName.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
            {
                var chosen = c.Value.FirstOrDefault(x => x.Metro).Airport
                    ?? c.Value.FirstOrDefault(x => Locodes.TryGet(c.Key, x.Airport.Iata, out var own) && NormalizeName(own.Name).StartsWith(kv.Key, StringComparison.Ordinal)).Airport
                    ?? c.Value[0].Airport;
                return new SitePlace(chosen.Iata, chosen.City.Length == 0 ? null : chosen.City, chosen.Country, chosen.Latitude, chosen.Longitude, "city name");
            }).ToArray(),
            StringComparer.Ordinal);
    }
}
