namespace Monitor.Core.Analysis.Series;

/// <summary>
/// A value per <see cref="IdentityTable"/> id, made once and kept in an array indexed by the id: what the
/// analysis derives from an identity (its site, its label) without hashing the identity per row. Safe to
/// use from several threads: two threads may both make a missing value, and the first one stored wins
/// (the values are pure functions of the id, so either is right).
/// </summary>
/// <typeparam name="T">The value.</typeparam>
internal sealed class IdCache<T>
    where T : class
{
    private readonly Lock _lock = new();
    private T?[] _items = new T?[64];

    /// <summary>The value of <paramref name="id"/>, made with <paramref name="make"/> the first time.</summary>
    public T Get(int id, Func<int, T> make)
    {
        var items = Volatile.Read(ref _items);
        if ((uint)id < (uint)items.Length && Volatile.Read(ref items[id]) is { } known)
        {
            return known;
        }

        var made = make(id);
        lock (_lock)
        {
            if (id >= _items.Length)
            {
                var grown = new T?[Math.Max(_items.Length * 2, id + 1)];
                Array.Copy(_items, grown, _items.Length);
                Volatile.Write(ref _items, grown);
            }

            return _items[id] ??= made;
        }
    }
}
