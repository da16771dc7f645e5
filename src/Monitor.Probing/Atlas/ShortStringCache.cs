using System.Text.Json;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Reuses the string instances of short values that repeat from result to result (addresses,
/// <c>proto</c>, <c>type</c>): an unescaped ASCII value is looked up by its characters without
/// allocating, and only a new value makes a string. Bounded, so a file of all-different values costs
/// the same as without it.
/// </summary>
internal sealed class ShortStringCache
{
    /// <summary>Longest value looked up.</summary>
    public const int MaxLength = 64;

    private const int Capacity = 16_384;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ShortStringCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token's value; the caller has checked it is a string of at most <see cref="MaxLength"/> octets.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        var utf8 = reader.ValueSpan;
        if (reader.ValueIsEscaped || utf8.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxLength];
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] >= 0x80)
            {
                return reader.GetString()!;
            }

            chars[i] = (char)utf8[i];
        }

        var key = chars[..utf8.Length];
        if (_lookup.TryGetValue(key, out var known))
        {
            return known;
        }

        var text = new string(key);
        if (_strings.Count < Capacity)
        {
            _strings[text] = text;
        }

        return text;
    }
}
