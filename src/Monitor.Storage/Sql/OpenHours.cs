namespace Monitor.Storage.Sql;

/// <summary>
/// The writer's copy of the <c>series_hours</c> rows it wrote last (the open hours), so that a write
/// adds its batch's counts to them in memory and writes each touched row once, with a compare on its
/// stored counts (<c>probes</c>, <c>answered</c>) instead of reading and decoding it first. The copy
/// is only a guess of what is stored: another writer (another process on the same database) may have
/// added to a row since, and then the compare fails and that row is read, merged and written again
/// (<see cref="Rollups"/>). Kept only for the newest hours (an hour older than
/// <see cref="KeptHours"/> before the newest one written is forgotten), and only what a committed
/// write left: the rows a failed write touched are forgotten. One write at a time (the store's gate).
/// </summary>
internal sealed class OpenHours
{
    /// <summary>How many hours before the newest one written are kept.</summary>
    public const int KeptHours = 2;

    private readonly Dictionary<RollupKey, HourRollup> _hours = [];
    private readonly List<RollupKey> _touched = [];
    private long _newestHourUs = long.MinValue;

    /// <summary>How many rows are kept.</summary>
    public int Count => _hours.Count;

    /// <summary>The stored row of <paramref name="key"/> as this writer left it, if kept; forgotten until <see cref="Keep"/> is called again.</summary>
    public HourRollup? Take(RollupKey key)
    {
        _touched.Add(key);
        return _hours.Remove(key, out var rollup) ? rollup : null;
    }

    /// <summary>Keeps <paramref name="rollup"/> as the row of <paramref name="key"/> once the write commits.</summary>
    public void Keep(RollupKey key, HourRollup rollup)
    {
        _touched.Add(key);
        _hours[key] = rollup;
        _newestHourUs = Math.Max(_newestHourUs, key.HourUs);
    }

    /// <summary>The write committed: keep its rows, forget the hours that are no longer open.</summary>
    public void Commit()
    {
        _touched.Clear();
        var oldest = _newestHourUs - (KeptHours * RollupKey.HourMicroseconds);
        if (_hours.Count > 0 && _newestHourUs != long.MinValue)
        {
            List<RollupKey>? old = null;
            foreach (var key in _hours.Keys)
            {
                if (key.HourUs < oldest)
                {
                    (old ??= []).Add(key);
                }
            }

            old?.ForEach(k => _hours.Remove(k));
        }
    }

    /// <summary>The write failed: forget every row it touched (what is stored is read again next time).</summary>
    public void Abort()
    {
        foreach (var key in _touched)
        {
            _hours.Remove(key);
        }

        _touched.Clear();
    }
}
