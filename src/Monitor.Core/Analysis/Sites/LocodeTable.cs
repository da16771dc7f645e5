using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// The UN/LOCODE code list, embedded from <c>probes/data/locodes.csv</c> (UNECE, via the repository
/// geoapify/un-locode; see <c>probes/data/README.md</c>). Read once on first use; immutable and safe to
/// share between threads.
/// </summary>
public sealed class LocodeTable
{
    /// <summary>The header the CSV starts with.</summary>
    public const string Header = "locode,name,latitude,longitude";

    private const string ResourceName = "Monitor.Core.locodes.csv";

    private static readonly Lazy<LocodeTable> DefaultTable = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Locode> _entries;
    private readonly HashSet<string> _countries;

    private LocodeTable(Dictionary<string, Locode> entries)
    {
        _entries = entries;
        _countries = new HashSet<string>(entries.Values.Select(e => e.Country), StringComparer.Ordinal);
    }

    /// <summary>The embedded table.</summary>
    public static LocodeTable Default => DefaultTable.Value;

    /// <summary>An empty table (for tests and for callers that want no UN/LOCODE readings).</summary>
    public static LocodeTable Empty { get; } = new(new Dictionary<string, Locode>(StringComparer.Ordinal));

    /// <summary>Entries in the table.</summary>
    public int Count => _entries.Count;

    /// <summary>True when some entry is in <paramref name="country"/> (any case): the code is a country the list knows.</summary>
    public bool IsCountry(ReadOnlySpan<char> country)
    {
        if (country.Length != 2)
        {
            return false;
        }

        Span<char> upper = stackalloc char[2];
        country.ToUpperInvariant(upper);
        return _countries.Contains(Country(new string(upper)));
    }

    /// <summary>
    /// The ISO 3166-1 code for a country code as people write it: UK and EL, which ISO reserves for the
    /// United Kingdom and Greece (and the EU uses), are GB and GR; others are returned as given.
    /// </summary>
    public static string Country(string upper) => upper switch
    {
        "UK" => "GB",
        "EL" => "GR",
        _ => upper,
    };

    /// <summary>Every entry (unordered).</summary>
    internal IEnumerable<Locode> Entries => _entries.Values;

    /// <summary>Finds an entry by country and location (any case).</summary>
    public bool TryGet(string country, string location, [NotNullWhen(true)] out Locode? entry)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(location);
        entry = null;
        return country.Length == 2 && location.Length == 3 &&
               _entries.TryGetValue(string.Concat(Country(country.ToUpperInvariant()), location.ToUpperInvariant()), out entry);
    }

    /// <summary>
    /// Reads a CSV with the header <c>locode,name,latitude,longitude</c> (a name may be quoted, RFC 4180;
    /// empty coordinates mean unknown).
    /// </summary>
    /// <exception cref="FormatException">A line is malformed; the message starts with <c>line N:</c>.</exception>
    public static LocodeTable Parse(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new Dictionary<string, Locode>(StringComparer.Ordinal);
        var header = csv.ReadLine();
        if (header is null || !string.Equals(header.TrimStart('\uFEFF').TrimEnd(), Header, StringComparison.Ordinal))
        {
            throw new FormatException($"line 1: expected the header '{Header}'");
        }

        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var entry = ParseRow(line, lineNumber);
            entries.TryAdd(entry.Code, entry);
        }

        return new LocodeTable(entries);
    }

    private static Locode ParseRow(string line, int lineNumber)
    {
        // locode,name,latitude,longitude — the name may be quoted; the other fields never contain a comma.
        var last = line.LastIndexOf(',');
        var middle = last > 0 ? line.LastIndexOf(',', last - 1) : -1;
        var first = line.IndexOf(',', StringComparison.Ordinal);
        if (first != 5 || middle <= first)
        {
            throw new FormatException($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: expected {Header}");
        }

        var code = line[..5];
        var name = line[(first + 1)..middle];
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
        {
            name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return new Locode(code[..2], code[2..], name, Degrees(line.AsSpan(middle + 1, last - middle - 1)), Degrees(line.AsSpan(last + 1)));
    }

    private static double? Degrees(ReadOnlySpan<char> text) =>
        text.Length > 0 && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static LocodeTable LoadDefault()
    {
        using var stream = typeof(LocodeTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
