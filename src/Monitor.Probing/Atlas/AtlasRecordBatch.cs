namespace Monitor.Probing.Atlas;

/// <summary>
/// Records copied out of the splitter's buffer (which the next fill overwrites), so that they can be
/// read on other threads while the next batch is split: one octet array and the records' bounds.
/// </summary>
internal sealed class AtlasRecordBatch
{
    /// <summary>Records per batch: enough to share out across cores, few enough to keep memory small.</summary>
    public const int MaxRecords = 2048;

    /// <summary>Octets per batch (about 1,000 results of a few hundred octets).</summary>
    public const int MaxBytes = 1024 * 1024;

    private byte[] _octets = new byte[64 * 1024];
    private readonly List<(int Start, int Length)> _bounds = new(MaxRecords);
    private int _used;

    /// <summary>Records held.</summary>
    public int Count => _bounds.Count;

    /// <summary>True when no more records should be added.</summary>
    public bool IsFull => _bounds.Count >= MaxRecords || _used >= MaxBytes;

    /// <summary>One record.</summary>
    public ReadOnlySpan<byte> this[int index] => _octets.AsSpan(_bounds[index].Start, _bounds[index].Length);

    /// <summary>Copies a record in.</summary>
    public void Add(ReadOnlySpan<byte> record)
    {
        if (_octets.Length - _used < record.Length)
        {
            Array.Resize(ref _octets, Math.Max(_octets.Length * 2, _used + record.Length));
        }

        record.CopyTo(_octets.AsSpan(_used));
        _bounds.Add((_used, record.Length));
        _used += record.Length;
    }

    /// <summary>Empties the batch for reuse, keeping its arrays.</summary>
    public void Clear()
    {
        _bounds.Clear();
        _used = 0;
    }
}
