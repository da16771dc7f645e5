using System.Net;

namespace Monitor.Core.Domain;

/// <summary>
/// One site of an anycast target, reachable on its own unicast address. Probing every site's address
/// tells which site is nearest a vantage point, and so how much longer the anycast path is.
/// </summary>
public sealed record TargetSite
{
    private readonly string _id = string.Empty;

    /// <summary>Creates a site.</summary>
    /// <exception cref="ArgumentException">The id is empty or has whitespace, '=' or ','.</exception>
    public TargetSite(string id, IPAddress address)
    {
        Id = id;
        Address = address ?? throw new ArgumentNullException(nameof(address));
    }

    /// <summary>The operator's name for the site, e.g. <c>ams1</c>; unique within its target.</summary>
    public string Id
    {
        get => _id;
        init => _id = IsValidId(value)
            ? value
            : throw new ArgumentException($"A site id must be non-empty without whitespace, '=' or ',' (got '{value}').", nameof(value));
    }

    /// <summary>The site's own unicast address; queries go to the target's port.</summary>
    public IPAddress Address { get; init; }

    /// <summary>True when <paramref name="id"/> can name a site.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && !id.Any(c => char.IsWhiteSpace(c) || c is '=' or ',' || char.IsControl(c));
}
