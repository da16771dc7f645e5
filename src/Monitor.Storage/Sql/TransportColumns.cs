using System.Data;
using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The measurement columns of migration 0005 (transport, address, connection, connect and TLS
/// times, reconnects, DNSSEC flags, SOA serial), written and read in one place for the generic
/// INSERT, the generic reader, SQLite's native reader and the series spool.
/// </summary>
internal static class TransportColumns
{
    /// <summary>The first of them in the SELECT and INSERT order.</summary>
    public const int First = MeasurementColumn.Transport;

    /// <summary>Names and parameter types, in order.</summary>
    public static readonly (string Name, DbType? Type)[] Columns =
    [
        ("transport", DbType.Int16), ("address", DbType.String), ("connection", DbType.Int16), ("connect_us", DbType.Int64),
        ("tls_us", DbType.Int64), ("reconnects", DbType.Int32), ("dnssec_flags", DbType.Int16), ("soa_serial", DbType.Int64),
    ];

    /// <summary>The DNSSEC flags column: bit 0 the AD bit, bit 1 an RRSIG seen; null when DO was not set.</summary>
    public static short? DnssecFlags(Measurement m) =>
        m.AuthenticData is null && m.RrsigSeen is null ? null : (short)((m.AuthenticData == true ? 1 : 0) | (m.RrsigSeen == true ? 2 : 0));

    /// <summary>Writes the columns' values (DBNull for null) into <paramref name="values"/> from <see cref="First"/>.</summary>
    public static void Write(Measurement m, object[] values)
    {
        var i = First;
        values[i++] = m.Transport is { } t ? (short)t : DBNull.Value;
        values[i++] = m.Address?.ToString() is { } a ? a : DBNull.Value;
        values[i++] = m.Connection is { } c ? (short)c : DBNull.Value;
        values[i++] = m.ConnectTime is { } connect ? UnixTime.ToMicroseconds(connect) : DBNull.Value;
        values[i++] = m.TlsTime is { } tls ? UnixTime.ToMicroseconds(tls) : DBNull.Value;
        values[i++] = m.Reconnects is { } r ? r : DBNull.Value;
        values[i++] = DnssecFlags(m) is { } flags ? flags : DBNull.Value;
        values[i] = m.SoaSerial is { } serial ? serial : DBNull.Value;
    }

    /// <summary>The columns read back onto <paramref name="m"/>.</summary>
    /// <param name="m">The measurement read so far.</param>
    /// <param name="isNull">Whether a column (by ordinal) is NULL.</param>
    /// <param name="integer">An integer column.</param>
    /// <param name="text">A text column.</param>
    public static Measurement Read(Measurement m, Func<int, bool> isNull, Func<int, long> integer, Func<int, string> text)
    {
        var i = First;
        long? Int(int ordinal) => isNull(ordinal) ? null : integer(ordinal);
        var transport = Int(i++);
        var address = isNull(i) ? null : text(i);
        i++;
        var connection = Int(i++);
        var connect = Int(i++);
        var tls = Int(i++);
        var reconnects = Int(i++);
        var flags = Int(i++);
        var serial = Int(i);
        return transport is null && address is null && connection is null && connect is null && tls is null && reconnects is null && flags is null && serial is null
            ? m
            : m with
            {
                Transport = transport is { } t ? (Transport)t : null,
                Address = address is null ? null : IPAddress.Parse(address),
                Connection = connection is { } c ? (ConnectionMode)c : null,
                ConnectTime = connect is { } ct ? UnixTime.DurationFromMicroseconds(ct) : null,
                TlsTime = tls is { } tt ? UnixTime.DurationFromMicroseconds(tt) : null,
                Reconnects = reconnects is { } r ? (int)r : null,
                AuthenticData = flags is { } f ? (f & 1) != 0 : null,
                RrsigSeen = flags is { } g ? (g & 2) != 0 : null,
                SoaSerial = serial,
            };
    }
}
