namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Country (ISO 3166-1 alpha-2) to continent (<c>AF</c>, <c>AN</c>, <c>AS</c>, <c>EU</c>, <c>NA</c>,
/// <c>OC</c>, <c>SA</c>). <see cref="Default"/> is embedded from <c>probes/data/continents.csv</c>,
/// derived from OurAirports (public domain; see <c>probes/data/README.md</c>).
/// </summary>
public sealed class Continents
{
    private const string ResourceName = "Monitor.Core.continents.csv";

    private static readonly Lazy<Continents> DefaultTable = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, string> _byCountry;

    private Continents(Dictionary<string, string> byCountry) => _byCountry = byCountry;

    /// <summary>The embedded table.</summary>
    public static Continents Default => DefaultTable.Value;

    /// <summary>Countries known.</summary>
    public int Count => _byCountry.Count;

    /// <summary>The continent of a country code (any case), or null when unknown.</summary>
    public string? Of(string? country) =>
        country is { Length: 2 } && _byCountry.TryGetValue(country.ToUpperInvariant(), out var continent) ? continent : null;

    private static Continents LoadDefault()
    {
        using var stream = typeof(Continents).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                table[line[..comma]] = line[(comma + 1)..];
            }
        }

        return new Continents(table);
    }
}
