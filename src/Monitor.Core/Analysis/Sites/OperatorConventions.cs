namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// How operators write node identities: one <see cref="SiteRule"/> per convention, the same as
/// <c>probes/sites.yaml</c> (a test keeps them equal), where each names the operator and where the
/// convention was seen. A rule only says where the location token sits and what kind of code it is;
/// <see cref="SiteEngine"/> reads the token against the reference tables and checks it with physics.
/// </summary>
public static class OperatorConventions
{
    /// <summary>The built-in conventions, in the order they are tried (the first that matches wins).</summary>
    public static IReadOnlyList<SiteRule> Rules { get; } =
    [
        new("cloudflare-iata", @"^(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Any),
        new("cloudflare-nsid", @"^(?<code>[a-z]{3})\d{2}$", SiteCodeKind.Iata, IdentitySource.Any),
        new("f-root-cloudflare", @"^(?<code>[a-z]{3})\.cf\.f\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("pch-rrdns", @"^res\d*\.q?(?<code>[a-z]{3})\d*\.rrdns\.pch\.net$", SiteCodeKind.Iata, IdentitySource.Any),
        new("quad9-nsid", @"^res\d+\.q(?<code>[a-z]{3})\d+$", SiteCodeKind.Iata, IdentitySource.Any),
        new("pch-anycast", @"^(?:[a-z0-9-]+\.)+(?<code>[a-z]{3})\.pch\.net$", SiteCodeKind.Iata, IdentitySource.Any),
        new("google-public-dns", @"^gpdns-(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Nsid),
        new("k-root", @"^(?:ns|k)\d*\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.k\.ripe\.net$", SiteCodeKind.Locode, IdentitySource.Any),
        new("k-root-ixp", @"^k\d+\.(?<code>[a-z]{3})-ix\.k\.ripe\.net$", SiteCodeKind.Iata, IdentitySource.Any),
        new("ripe-atlas-anchor", @"^(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})-as\d+(?:-[a-z0-9]+)*(?:\.anchors\.atlas\.ripe\.net)?$", SiteCodeKind.Locode, IdentitySource.Any),
        new("l-root", @"^[a-z0-9]+\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.l\.root$", SiteCodeKind.Locode, IdentitySource.Any),
        new("l-root-icann", @"^[a-z]{2}\d*-(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.l\.dns\.icann\.org$", SiteCodeKind.Locode, IdentitySource.Any),
        new("l-root-short", @"^(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})-[a-z]{2}$", SiteCodeKind.Locode, IdentitySource.Any),
        new("l-root-2010", @"^(?<code>[a-z]{3})\d+[a-z]?\.l\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("f-root", @"^(?<code>[a-z]{3})\d+[a-z]?\.f\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("c-root", @"^(?<code>[a-z]{3})\d+[a-z]?\.c\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("h-root", @"^\d+\.(?<code>[a-z]{3})\.h\.root-servers\.org$", SiteCodeKind.Iata, IdentitySource.Any),
        new("e-root", @"^[a-z]?\d+\.(?<code>[a-z]{3})\d*\.eroot$", SiteCodeKind.Iata, IdentitySource.Any),
        new("i-root", @"^s\d+\.(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Any),
        new("g-root", @"^groot-(?<code>[a-z]{3}\d+)-\d+$", SiteCodeKind.Iata, IdentitySource.Any),
        new("g-root-2025", @"^(?<code>[a-z]{3})\d+\.groot$", SiteCodeKind.Iata, IdentitySource.Any),
        new("b-root", @"^b\d+-(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.Any),
        new("verisign-root", @"^(?:nnn|rootns)\d*-(?<code>[a-z]{3})\d+[a-z]?$", SiteCodeKind.Iata, IdentitySource.Any),
        new("verisign-root-locode", @"^(?:nnn|rootns)\d*-(?<country>[a-z]{2})(?<code>[a-z2-9]{3})-\d+[a-z]?$", SiteCodeKind.Locode, IdentitySource.Any),
        new("verisign-root-nsid", @"^[a-z]\.r\.[a-z]{3}\d+\.(?<country>[a-z]{2})(?<code>[a-z2-9]{3})-\d+$", SiteCodeKind.Locode, IdentitySource.Any),
        new("verisign-root-2023", @"^[a-z]\d+[a-z]?\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.root$", SiteCodeKind.Locode, IdentitySource.Any),
        new("verisign-j-root", @"^rootns\d*-el(?<code>[a-z]{3})\d+$", SiteCodeKind.Iata, IdentitySource.Any),
        new("m-root", @"^m-(?<code>[a-z]{3})(?:-[a-z0-9]+)*$", SiteCodeKind.Iata, IdentitySource.Any),
        new("opendns", @"^(?:server )?m\d+\.(?<code>[a-z]{3})\d*$", SiteCodeKind.Iata, IdentitySource.Any),
        new("nominet", @"^[a-z]-[a-z]{2}-nominet\d*\.(?<country>[a-z]{2})(?<code>[a-z2-9]{3})\d*\.?$", SiteCodeKind.Locode, IdentitySource.Any),
    ];

    /// <summary>
    /// The providers (as targets name them, compared by their letters and digits, case ignored) whose
    /// conventions each rule is. A rule matched for a target of another provider counts less.
    /// </summary>
    private static readonly Dictionary<string, string[]> ProvidersByRule = new(StringComparer.Ordinal)
    {
        ["cloudflare-iata"] = ["cloudflare"],
        ["cloudflare-nsid"] = ["cloudflare"],
        ["f-root-cloudflare"] = ["isc", "cloudflare"],
        ["pch-rrdns"] = ["quad9", "pch", "packetclearinghouse"],
        ["quad9-nsid"] = ["quad9"],
        ["pch-anycast"] = ["pch", "packetclearinghouse", "nasaames", "nasa"],
        ["google-public-dns"] = ["google", "googlepublicdns"],
        ["k-root"] = ["ripencc", "ripe"],
        ["k-root-ixp"] = ["ripencc", "ripe"],
        ["ripe-atlas-anchor"] = ["ripencc", "ripe", "ripeatlas"],
        ["l-root"] = ["icann"],
        ["l-root-icann"] = ["icann"],
        ["l-root-short"] = ["icann"],
        ["l-root-2010"] = ["icann"],
        ["f-root"] = ["isc"],
        ["c-root"] = ["cogent"],
        ["h-root"] = ["usarmyresearchlab", "arl"],
        ["e-root"] = ["nasaames", "nasa"],
        ["i-root"] = ["netnod"],
        ["g-root"] = ["usdoddisa", "disa", "usdod"],
        ["g-root-2025"] = ["usdoddisa", "disa", "usdod"],
        ["b-root"] = ["uscisi", "usc", "isi"],
        ["verisign-root"] = ["verisign"],
        ["verisign-root-locode"] = ["verisign"],
        ["verisign-root-nsid"] = ["verisign"],
        ["verisign-root-2023"] = ["verisign"],
        ["verisign-j-root"] = ["verisign"],
        ["m-root"] = ["wide", "wideproject"],
        ["opendns"] = ["opendns", "ciscoumbrella", "umbrella"],
        ["nominet"] = ["nominet"],
    };

    /// <summary>
    /// Conventions whose token is the operator's own site name rather than a location code, with the
    /// node list (root letter) that decodes it: Netnod says its I-root names "should not be interpreted as
    /// airport codes, though that may coincidentally be the case"; G-root names a military theatre and a
    /// site number (<c>groot-con2-1</c>), never a town (root-servers.org, naming conventions).
    /// </summary>
    private static readonly Dictionary<string, (string NodeList, bool ReadAsCode)> OwnNames = new(StringComparer.Ordinal)
    {
        ["i-root"] = ("i", true),
        ["g-root"] = ("g", false),
    };

    /// <summary>
    /// For a convention whose token is the operator's own site name: the node list that decodes it, and
    /// whether the token may still be read as a code (at low confidence) when the list does not know it.
    /// </summary>
    internal static (string NodeList, bool ReadAsCode)? OwnNamesOf(string ruleName) =>
        OwnNames.TryGetValue(ruleName, out var own) ? own : null;

    /// <summary>
    /// Whether <paramref name="ruleName"/> is a convention of <paramref name="provider"/>: true or false when
    /// both are known, null when the rule is not a built-in one or no provider is given.
    /// </summary>
    internal static bool? IsOf(string ruleName, string? provider)
    {
        if (provider is null || !ProvidersByRule.TryGetValue(ruleName, out var providers))
        {
            return null;
        }

        var key = Key(provider);
        return key.Length == 0 ? null : providers.Contains(key, StringComparer.Ordinal);
    }

    /// <summary>True when the rule is one of an operator's own (built-in) conventions.</summary>
    internal static bool IsBuiltIn(string ruleName) => ProvidersByRule.ContainsKey(ruleName);

    /// <summary>A provider name's letters and digits, lower case: <c>US Army Research Lab</c> → <c>usarmyresearchlab</c>.</summary>
    internal static string Key(string provider) =>
        new([.. provider.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).Take(64)]);
}
