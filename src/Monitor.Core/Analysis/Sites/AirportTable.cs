using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// IATA location codes with their city, country and coordinates. <see cref="Default"/> is the table
/// embedded from <c>probes/data/airports.csv</c> (OurAirports, public domain; see
/// <c>probes/data/README.md</c>). Every table also knows a few hand-made metropolitan city codes such
/// as <c>LON</c>, <c>NYC</c> and <c>TYO</c>; an airport in the CSV wins over a city code of the same letters.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class AirportTable
{
    /// <summary>The header every airport CSV starts with.</summary>
    public const string Header = "iata,name,city,country,latitude,longitude";

    private const string ResourceName = "Monitor.Core.airports.csv";
    private const int FieldCount = 6;

    private static readonly Lazy<AirportTable> DefaultTable = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Airport> _airports;

    private AirportTable(Dictionary<string, Airport> airports)
    {
        _airports = airports;
        Count = airports.Count + MetropolitanCodes.All.Keys.Count(code => !airports.ContainsKey(code));
    }

    /// <summary>The embedded table, read once on first use.</summary>
    public static AirportTable Default => DefaultTable.Value;

    /// <summary>The number of distinct codes <see cref="TryGet"/> finds, metropolitan codes included.</summary>
    public int Count { get; }

    /// <summary>
    /// Reads a CSV with the header <c>iata,name,city,country,latitude,longitude</c> (RFC 4180 quoting;
    /// a field may not span lines; blank lines are skipped).
    /// </summary>
    /// <param name="csv">The text.</param>
    /// <exception cref="FormatException">A line is malformed; the message starts with <c>line N:</c>.</exception>
    public static AirportTable Parse(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var airports = new Dictionary<string, Airport>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        var sawHeader = false;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (!sawHeader)
            {
                var header = line.TrimStart('\uFEFF').TrimEnd();
                if (!string.Equals(header, Header, StringComparison.Ordinal))
                {
                    throw Error(lineNumber, $"expected the header '{Header}', found '{Shorten(header)}'");
                }

                sawHeader = true;
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var airport = ParseRow(line, lineNumber);
            if (!lines.TryAdd(airport.Iata, lineNumber))
            {
                throw Error(lineNumber, $"duplicate code '{airport.Iata}'; line {lines[airport.Iata].ToString(CultureInfo.InvariantCulture)} has it already");
            }

            airports.Add(airport.Iata, airport);
        }

        return sawHeader ? new AirportTable(airports) : throw Error(1, $"the file is empty; expected the header '{Header}'");
    }

    /// <summary>Finds a code, ignoring case: an airport first, else a metropolitan city code.</summary>
    /// <param name="iata">A three-letter code such as <c>ams</c> or <c>LON</c>.</param>
    /// <param name="airport">The entry, when found.</param>
    /// <returns>True when the code is known.</returns>
    public bool TryGet(string iata, [NotNullWhen(true)] out Airport? airport)
    {
        ArgumentNullException.ThrowIfNull(iata);
        airport = null;
        if (iata.Length != 3)
        {
            return false;
        }

        var key = iata.ToUpperInvariant();
        return _airports.TryGetValue(key, out airport) || MetropolitanCodes.All.TryGetValue(key, out airport);
    }

    /// <summary>
    /// The entry for a code in <paramref name="country"/> (an airport, else a city code), or without a
    /// country the one <see cref="TryGet"/> finds; null when there is none. A same-letter code in another
    /// country is a different place, so it is not returned.
    /// </summary>
    internal Airport? Find(string code, string? country)
    {
        if (country is null)
        {
            return TryGet(code, out var any) ? any : null;
        }

        var key = code.ToUpperInvariant();
        if (_airports.TryGetValue(key, out var airport) && string.Equals(airport.Country, country, StringComparison.OrdinalIgnoreCase))
        {
            return airport;
        }

        return MetropolitanCodes.All.TryGetValue(key, out var city) && string.Equals(city.Country, country, StringComparison.OrdinalIgnoreCase)
            ? city
            : null;
    }

    /// <summary>The airports of the CSV (not the metropolitan codes).</summary>
    internal IEnumerable<Airport> Airports => _airports.Values;

    /// <summary>The airport with this code (upper case), not a metropolitan code.</summary>
    internal bool TryGetAirport(string upperCode, [NotNullWhen(true)] out Airport? airport) => _airports.TryGetValue(upperCode, out airport);

    /// <summary>
    /// Airports with an IATA code but no scheduled service (<c>probes/data/airports-unscheduled.csv</c>):
    /// closed to passengers, military or general aviation. Read once on first use.
    /// </summary>
    internal static AirportTable Unscheduled => UnscheduledTable.Value;

    private static readonly Lazy<AirportTable> UnscheduledTable = new(() => Load("Monitor.Core.airports-unscheduled.csv"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static AirportTable LoadDefault() => Load(ResourceName);

    private static AirportTable Load(string resourceName)
    {
        using var stream = typeof(AirportTable).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {resourceName} is missing from {typeof(AirportTable).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    private static Airport ParseRow(string line, int lineNumber)
    {
        var fields = SplitFields(line, lineNumber);
        if (fields.Count != FieldCount)
        {
            throw Error(lineNumber, $"expected {FieldCount} fields ({Header}), found {fields.Count.ToString(CultureInfo.InvariantCulture)}; quote a field that contains a comma");
        }

        var iata = fields[0].Trim();
        if (iata.Length != 3 || !iata.All(char.IsAsciiLetter))
        {
            throw Error(lineNumber, $"iata: '{Shorten(iata)}' is not a three-letter code");
        }

        var name = fields[1].Trim();
        if (name.Length == 0)
        {
            throw Error(lineNumber, "name: is empty");
        }

        var country = fields[3].Trim();
        if (country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            throw Error(lineNumber, $"country: '{Shorten(country)}' is not an ISO 3166-1 alpha-2 code");
        }

        var latitude = Degrees(fields[4], 90, "latitude", lineNumber);
        var longitude = Degrees(fields[5], 180, "longitude", lineNumber);
        return new Airport(iata.ToUpperInvariant(), name, fields[2].Trim(), country.ToUpperInvariant(), latitude, longitude);
    }

    private static double Degrees(string text, double limit, string field, int lineNumber)
    {
        var trimmed = text.Trim();
        if (!double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(lineNumber, $"{field}: '{Shorten(trimmed)}' is not a number of degrees");
        }

        return value >= -limit && value <= limit
            ? value
            : throw Error(lineNumber, $"{field}: {trimmed} is out of range -{limit.ToString(CultureInfo.InvariantCulture)} to {limit.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Splits one RFC 4180 record that does not span lines (also for the other reference tables).</summary>
    internal static List<string> SplitFields(string line, int lineNumber)
    {
        var fields = new List<string>(FieldCount);
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw Error(lineNumber, $"field {(fields.Count + 1).ToString(CultureInfo.InvariantCulture)}: a quoted field is not closed (fields cannot span lines)");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw Error(lineNumber, $"field {(fields.Count + 1).ToString(CultureInfo.InvariantCulture)}: text after a closing quote");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        throw Error(lineNumber, $"field {(fields.Count + 1).ToString(CultureInfo.InvariantCulture)}: a quote inside an unquoted field; quote the field and double the quote");
                    }

                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    private static FormatException Error(int lineNumber, string problem) =>
        new($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {problem}");

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
