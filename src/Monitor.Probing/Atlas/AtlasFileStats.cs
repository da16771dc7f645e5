namespace Monitor.Probing.Atlas;

/// <summary>
/// What reading one Atlas file gave: results seen, measurements made, and damaged parts counted by
/// reason. Filled in while the file is read; safe to read from another thread for progress (counts
/// may be a moment old).
/// </summary>
public sealed class AtlasFileStats
{
    private readonly long[] _damage = new long[Enum.GetValues<AtlasDamage>().Length];
    private long _results;
    private long _measurements;

    /// <summary>Creates the counters for a file.</summary>
    /// <param name="name">The file's name as given (<c>-</c> for standard input).</param>
    public AtlasFileStats(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>The file's name as given.</summary>
    public string Name { get; }

    /// <summary>True when the content was gzip-compressed.</summary>
    public bool Compressed { get; internal set; }

    /// <summary>True when the content was JSON Lines, false for a JSON array.</summary>
    public bool JsonLines { get; internal set; }

    /// <summary>Result objects met (each element of a <c>resultset</c> counts once), broken ones included.</summary>
    public long Results => Interlocked.Read(ref _results);

    /// <summary>Measurements made from them.</summary>
    public long Measurements => Interlocked.Read(ref _measurements);

    /// <summary>Damaged parts of one kind.</summary>
    public long this[AtlasDamage damage] => Interlocked.Read(ref _damage[(int)damage]);

    /// <summary>Every kind of damage seen, with its count, in enum order.</summary>
    public IReadOnlyList<KeyValuePair<AtlasDamage, long>> Damage =>
        [.. Enum.GetValues<AtlasDamage>().Where(d => this[d] > 0).Select(d => KeyValuePair.Create(d, this[d]))];

    /// <summary>True when anything was damaged.</summary>
    public bool HasDamage => Enum.GetValues<AtlasDamage>().Any(d => this[d] > 0);

    internal void CountResult() => Interlocked.Increment(ref _results);

    internal void CountMeasurement() => Interlocked.Increment(ref _measurements);

    internal void Count(AtlasDamage damage) => Interlocked.Increment(ref _damage[(int)damage]);
}
