using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// The identities of one analysis, each distinct <see cref="ObservedIdentity"/> (the combination of
/// <c>id.server</c>, <c>hostname.bind</c> and NSID an answer carried) interned once and named by a small
/// dense id: 0, 1, 2, … in the order they were first interned. <see cref="ColumnarSeries.IdentityIds"/>
/// holds these ids, so that the analysis resolves identity → site once per id into an array indexed by
/// id, never by hashing identity bytes per row.
/// </summary>
/// <remarks>
/// <para>
/// The ids are the table's own, not a store's: a store reader that keeps interned identities keeps a
/// map from its ids to these and calls <see cref="Intern"/> once per distinct identity it meets.
/// <see cref="None"/> (−1) stands for an answer without any identity, or a probe without an answer.
/// </para>
/// <para>
/// Thread safety: <see cref="Intern"/> may be called from one thread while others read
/// <see cref="this[int]"/> and <see cref="Count"/>; an id handed to another thread through a
/// thread-safe hand-off (a channel, a lock, a task) is always readable there.
/// </para>
/// </remarks>
public sealed class IdentityTable
{
    /// <summary>The id of "no identity".</summary>
    public const int None = -1;

    private readonly Dictionary<ObservedIdentity, int> _ids = [];
    private readonly Lock _lock = new();
    private ObservedIdentity[] _items = new ObservedIdentity[16];
    private int _count;

    /// <summary>Identities interned so far; valid ids are 0 to <c>Count − 1</c>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The identity of an id from <see cref="Intern"/>.</summary>
    /// <param name="id">An id from 0 to <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The id was not handed out by this table.</exception>
    public ObservedIdentity this[int id]
    {
        get
        {
            // The count is published after the array that holds it: read it first.
            ArgumentOutOfRangeException.ThrowIfNegative(id);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
            return Volatile.Read(ref _items)[id];
        }
    }

    /// <summary>The identity of an id, or <see cref="ObservedIdentity.None"/> for <see cref="None"/>.</summary>
    public ObservedIdentity Of(int id) => id == None ? ObservedIdentity.None : this[id];

    /// <summary>The id of an identity, interning it the first time; <see cref="None"/> for an empty identity.</summary>
    /// <param name="identity">The identity; value equality (raw octets) decides what is the same.</param>
    public int Intern(ObservedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.IsEmpty)
        {
            return None;
        }

        lock (_lock)
        {
            if (_ids.TryGetValue(identity, out var id))
            {
                return id;
            }

            id = _count;
            var items = _items;
            if (id == items.Length)
            {
                // Readers keep the old array until the new one, already filled, is published.
                var grown = new ObservedIdentity[items.Length * 2];
                Array.Copy(items, grown, items.Length);
                items = grown;
            }

            items[id] = identity;
            Volatile.Write(ref _items, items);
            _ids.Add(identity, id);
            Volatile.Write(ref _count, id + 1);
            return id;
        }
    }
}
