using System.Text.RegularExpressions;

namespace Monitor.Core.Domain;

/// <summary>
/// A place probes are sent from. Its id also names its Hangfire queue, so it must match
/// <c>^[a-z0-9_-]+$</c>.
/// </summary>
public sealed partial record VantagePoint
{
    private readonly string _id = string.Empty;
    private readonly double? _latitude;
    private readonly double? _longitude;

    /// <summary>Creates a vantage point.</summary>
    /// <exception cref="ArgumentException">The id does not match <c>^[a-z0-9_-]+$</c>.</exception>
    public VantagePoint(string id) => Id = id;

    /// <summary>The id: lower-case letters, digits, '_' and '-'.</summary>
    public string Id
    {
        get => _id;
        init => _id = IsValidId(value)
            ? value
            : throw new ArgumentException($"A vantage point id must match ^[a-z0-9_-]+$ (got '{value}').", nameof(value));
    }

    /// <summary>City, free text.</summary>
    public string? City { get; init; }

    /// <summary>Country, ISO 3166-1 alpha-2 preferred.</summary>
    public string? Country { get; init; }

    /// <summary>Latitude in degrees, −90 to 90.</summary>
    public double? Latitude
    {
        get => _latitude;
        init => _latitude = value is null or (>= -90 and <= 90)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Latitude is −90 to 90.");
    }

    /// <summary>Longitude in degrees, −180 to 180.</summary>
    public double? Longitude
    {
        get => _longitude;
        init => _longitude = value is null or (>= -180 and <= 180)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Longitude is −180 to 180.");
    }

    /// <summary>The autonomous system the vantage point sits in (its IPv4 side, when the two differ).</summary>
    public long? Asn { get; init; }

    /// <summary>The autonomous system of its IPv6 address, when known and kept apart (RIPE Atlas probes).</summary>
    public long? AsnV6 { get; init; }

    /// <summary>True for a RIPE Atlas anchor (a well-connected probe in a data centre); null when not said.</summary>
    public bool? IsAnchor { get; init; }

    /// <summary>The database server's clock minus this vantage point's, at its last heartbeat; null when unknown.</summary>
    public TimeSpan? ClockOffset { get; init; }

    /// <summary>True when <paramref name="id"/> can name a vantage point (and its queue).</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
