namespace Monitor.Probing.Atlas;

/// <summary>How Atlas results are read.</summary>
public sealed record AtlasReadOptions
{
    private readonly int _maxRecordBytes = 1024 * 1024;
    private readonly string? _targetId;

    /// <summary>
    /// One target id for every result (<c>--target</c>); null for one target per measurement id and
    /// destination address (<c>atlas-&lt;msm_id&gt;-&lt;dst_addr&gt;</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty or whitespace.</exception>
    public string? TargetId
    {
        get => _targetId;
        init => _targetId = value is null || !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException("A target id must not be empty.", nameof(value));
    }

    /// <summary>
    /// The longest record read, in octets (1 MiB by default; a DNS result is a few hundred). A longer
    /// one is skipped and counted as <see cref="AtlasDamage.Oversized"/>, so memory stays bounded
    /// whatever the file holds.
    /// </summary>
    public int MaxRecordBytes
    {
        get => _maxRecordBytes;
        init => _maxRecordBytes = value >= 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The record limit is at least 1024 octets.");
    }
}
