namespace Monitor.Probing.Atlas;

/// <summary>Compares DNS messages by their octets after the 2-octet message ID (RFC 1035 §4.1.1), which is all that differs between repeats of one answer.</summary>
internal sealed class AfterMessageIdComparer : IEqualityComparer<byte[]>
{
    public static AfterMessageIdComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        x is not null && y is not null && x.Length == y.Length && x.AsSpan(Math.Min(2, x.Length)).SequenceEqual(y.AsSpan(Math.Min(2, y.Length)));

    public int GetHashCode(byte[] obj)
    {
        var hash = default(HashCode);
        hash.AddBytes(obj.AsSpan(Math.Min(2, obj.Length)));
        return hash.ToHashCode();
    }
}
