using System.Collections.Immutable;

namespace Monitor.Probing.Wire;

/// <summary>A TXT record from the answer section (RFC 1035 §3.3.14), its character-strings kept as octets.</summary>
/// <param name="Owner">The owner name in presentation form, without the trailing dot.</param>
/// <param name="RecordClass">The record's CLASS.</param>
/// <param name="Strings">The character-strings, raw.</param>
public sealed record TxtRecord(string Owner, ushort RecordClass, ImmutableArray<ImmutableArray<byte>> Strings)
{
    /// <summary>The strings joined without separator, as RFC 4892 identities are read.</summary>
    public byte[] Joined()
    {
        var total = Strings.Sum(s => s.Length);
        var result = new byte[total];
        var offset = 0;
        foreach (var s in Strings)
        {
            s.CopyTo(result, offset);
            offset += s.Length;
        }

        return result;
    }
}
