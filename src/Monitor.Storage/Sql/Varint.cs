namespace Monitor.Storage.Sql;

/// <summary>Unsigned LEB128 numbers (7 bits an octet, low bits first) and zigzag for signed ones, as the stored columns of octets use them.</summary>
internal static class Varint
{
    /// <summary>Appends <paramref name="value"/>.</summary>
    public static void Write(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    /// <summary>Appends a signed value, small magnitudes in few octets.</summary>
    public static void WriteSigned(List<byte> buffer, long value) => Write(buffer, (ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Reads a number and moves past it; <paramref name="what"/> names the column in the error when it ends inside one.</summary>
    public static ulong Read(ref ReadOnlySpan<byte> s, string what)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (s.IsEmpty || shift > 63)
            {
                throw new InvalidDataException($"A {what} column ends inside a number.");
            }

            var b = s[0];
            s = s[1..];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    /// <summary>Reads a signed value written by <see cref="WriteSigned"/>.</summary>
    public static long ReadSigned(ref ReadOnlySpan<byte> s, string what)
    {
        var v = Read(ref s, what);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
