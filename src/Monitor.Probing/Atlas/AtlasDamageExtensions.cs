namespace Monitor.Probing.Atlas;

/// <summary>Words and policy for <see cref="AtlasDamage"/>.</summary>
public static class AtlasDamageExtensions
{
    /// <summary>True when a result with this damage is still stored as a measurement.</summary>
    public static bool IsStored(this AtlasDamage damage) =>
        damage is AtlasDamage.NoAbuf or AtlasDamage.InvalidBase64 or AtlasDamage.AbufNotDns or AtlasDamage.NoResult;

    /// <summary>The snake_case name used in summaries and JSON (<c>no_abuf</c>, <c>truncated_gzip</c> …).</summary>
    public static string Name(this AtlasDamage damage) => damage switch
    {
        AtlasDamage.NoAbuf => "no_abuf",
        AtlasDamage.InvalidBase64 => "invalid_base64",
        AtlasDamage.AbufNotDns => "abuf_not_dns",
        AtlasDamage.NoResult => "no_result",
        AtlasDamage.BrokenRecord => "broken_record",
        AtlasDamage.Oversized => "oversized",
        AtlasDamage.Truncated => "truncated",
        AtlasDamage.TruncatedGzip => "truncated_gzip",
        AtlasDamage.NotDns => "not_dns",
        AtlasDamage.MissingField => "missing_field",
        AtlasDamage.OutOfRange => "out_of_range",
        _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, "Unknown damage."),
    };
}
