using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Monitor.Core.Domain;

/// <summary>
/// An identity string as a server sent it: the raw octets are kept, and a printable form is derived
/// in DNS presentation style (RFC 1035 §5.1): printable ASCII as is, <c>\</c> and <c>"</c> escaped,
/// every other octet as <c>\DDD</c>. The printable form therefore never carries control characters,
/// bidi marks or invalid UTF-8, whatever the server sent.
/// </summary>
public sealed record IdentityValue
{
    /// <summary>Creates a value from raw octets (copied).</summary>
    public IdentityValue(ReadOnlySpan<byte> raw)
    {
        Raw = raw.ToImmutableArray();
        Text = Escape(raw);
    }

    /// <summary>The octets as received.</summary>
    public ImmutableArray<byte> Raw { get; }

    /// <summary>The printable, escaped form.</summary>
    public string Text { get; }

    /// <summary>The octets in lower-case hex, as NSID is often written.</summary>
    public string Hex => Convert.ToHexStringLower(Raw.AsSpan());

    /// <summary>Creates a value from ASCII text (for tests and configuration).</summary>
    public static IdentityValue FromAscii(string text) => new(Encoding.ASCII.GetBytes(text));

    /// <inheritdoc />
    public bool Equals(IdentityValue? other) => other is not null && Raw.AsSpan().SequenceEqual(other.Raw.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Raw.AsSpan());
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string Escape(ReadOnlySpan<byte> raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var b in raw)
        {
            if (b is (byte)'\\' or (byte)'"')
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b is >= 0x20 and <= 0x7e)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
