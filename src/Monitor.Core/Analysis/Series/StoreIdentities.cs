using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// Maps a store's interned identity numbers — one per value of <c>id.server</c>, <c>hostname.bind</c> and
/// NSID, −1 for none — to ids of an analysis' <see cref="IdentityTable"/>, so that a store reader fills
/// <see cref="ColumnarSeries.IdentityIds"/> without making an <see cref="ObservedIdentity"/> per row: each
/// distinct triple is made and interned once, and a row naming the same triple as the row before costs
/// three comparisons.
/// </summary>
/// <param name="identities">The analysis' identity table.</param>
/// <param name="value">The value a store number stands for.</param>
public sealed class StoreIdentities(IdentityTable identities, Func<int, IdentityValue> value)
{
    private readonly Dictionary<(int, int, int), int> _ids = [];
    private (int IdServer, int HostnameBind, int Nsid) _last = (-1, -1, -1);
    private int _lastId = IdentityTable.None;

    /// <summary>The identity table the ids belong to.</summary>
    public IdentityTable Identities { get; } = identities ?? throw new ArgumentNullException(nameof(identities));

    /// <summary>The id of the identity a row's store numbers name (<see cref="IdentityTable.None"/> for none at all).</summary>
    public int IdOf(int idServer, int hostnameBind, int nsid)
    {
        var key = (idServer, hostnameBind, nsid);
        if (key == _last)
        {
            return _lastId;
        }

        if (!_ids.TryGetValue(key, out var id))
        {
            id = Identities.Intern(new ObservedIdentity(Value(idServer), Value(hostnameBind), Value(nsid)));
            _ids.Add(key, id);
        }

        (_last, _lastId) = (key, id);
        return id;
    }

    private IdentityValue? Value(int number) => number < 0 ? null : value(number);
}
