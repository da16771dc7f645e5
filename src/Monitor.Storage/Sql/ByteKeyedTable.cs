namespace Monitor.Storage.Sql;

/// <summary>
/// Values made once per distinct byte string (a column's raw text or blob) and numbered in the order
/// first seen: repeated vantage ids, target ids and identities cost a hash lookup, not an allocation.
/// </summary>
/// <typeparam name="T">The value made from the bytes.</typeparam>
internal sealed class ByteKeyedTable<T>
{
    private readonly Dictionary<byte[], int> _index = new(Comparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly List<T> _values = [];
    private readonly List<byte[]> _keys = [];
    private readonly Func<ReadOnlySpan<byte>, T> _create;
    private readonly int _capacity;

    /// <param name="create">Makes the value of bytes not seen before.</param>
    /// <param name="capacity">Distinct values kept at most; past this, values are made without being kept (see <see cref="Get"/>).</param>
    public ByteKeyedTable(Func<ReadOnlySpan<byte>, T> create, int capacity = int.MaxValue)
    {
        _create = create;
        _capacity = capacity;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of the value of <paramref name="bytes"/>, made and kept when new (whatever the capacity).</summary>
    public int IndexOf(ReadOnlySpan<byte> bytes)
    {
        if (_lookup.TryGetValue(bytes, out var index))
        {
            return index;
        }

        index = _values.Count;
        var key = bytes.ToArray();
        _index.Add(key, index);
        _keys.Add(key);
        _values.Add(_create(bytes));
        return index;
    }

    /// <summary>The value of <paramref name="bytes"/>: the kept one, or a new one (kept while under capacity).</summary>
    public T Get(ReadOnlySpan<byte> bytes)
    {
        if (_lookup.TryGetValue(bytes, out var index))
        {
            return _values[index];
        }

        return _values.Count < _capacity ? _values[IndexOf(bytes)] : _create(bytes);
    }

    /// <summary>The value numbered <paramref name="index"/>.</summary>
    public T this[int index] => _values[index];

    /// <summary>The bytes of the value numbered <paramref name="index"/>.</summary>
    public byte[] KeyOf(int index) => _keys[index];

    private sealed class Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static Comparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
