namespace Monitor.Core.Analysis;

/// <summary>A half-open time window [From, To); either end may be open. Checked on construction.</summary>
public sealed record AnalysisWindow
{
    /// <summary>Creates a window.</summary>
    /// <exception cref="ArgumentException">To is not after From.</exception>
    public AnalysisWindow(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not null && to is not null && to <= from)
        {
            throw new ArgumentException($"The window's end {to:O} is not after its start {from:O}.", nameof(to));
        }

        From = from?.ToUniversalTime();
        To = to?.ToUniversalTime();
    }

    /// <summary>All time.</summary>
    public static AnalysisWindow All { get; } = new(null, null);

    /// <summary>Inclusive start, or null.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>Exclusive end, or null.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>True when <paramref name="instant"/> lies in the window.</summary>
    public bool Contains(DateTimeOffset instant) => (From is null || instant >= From) && (To is null || instant < To);
}
