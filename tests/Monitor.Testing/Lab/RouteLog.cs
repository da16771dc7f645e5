using System.Net.Sockets;

namespace Monitor.Testing.Lab;

/// <summary>
/// The routing truth over time: a background poll (every <see cref="LabOptions.RouteLogInterval"/>) of the
/// site each vantage point's router routes the anycast addresses to, recording every change with its
/// UTC time. The first entry per vantage point and family is the state when the log started.
/// </summary>
public sealed class RouteLog
{
    private readonly List<RouteChange> _changes = [];
    private readonly Dictionary<(string, AddressFamily), string?> _current = [];
    private readonly Lock _lock = new();

    /// <summary>Every change so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RouteChange> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>When the poll last completed a round (UTC); <see cref="DateTimeOffset.MinValue"/> before the first.</summary>
    public DateTimeOffset LastPoll { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The site last seen for a vantage point and family (null: no route or not polled yet).</summary>
    public string? Current(string vantageId, AddressFamily family = AddressFamily.InterNetwork)
    {
        lock (_lock)
        {
            return _current.GetValueOrDefault((vantageId, family));
        }
    }

    /// <summary>The changes of one vantage point and family after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<RouteChange> ChangesSince(DateTimeOffset since, string vantageId, AddressFamily family = AddressFamily.InterNetwork)
    {
        lock (_lock)
        {
            return [.. _changes.Where(c => c.At > since && c.VantageId == vantageId && c.Family == family)];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the log (checked after each poll); false on timeout.</summary>
    public async Task<bool> WaitForAsync(Func<RouteLog, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (condition(this))
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return condition(this);
    }

    internal void Record(DateTimeOffset at, string vantageId, AddressFamily family, string? siteId)
    {
        lock (_lock)
        {
            if (_current.TryGetValue((vantageId, family), out var previous) && previous == siteId)
            {
                return;
            }

            _current[(vantageId, family)] = siteId;
            _changes.Add(new RouteChange(at, vantageId, family, siteId));
        }
    }

    internal void Polled(DateTimeOffset at) => LastPoll = at;
}
