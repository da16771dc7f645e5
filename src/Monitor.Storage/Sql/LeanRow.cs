using System.Net;
using System.Runtime.CompilerServices;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// One row of the lean <c>measurements</c> table as integers (<see cref="LeanColumns"/> order), with a
/// bit per column that is NULL; made from a measurement with the numbers of its series, identities and
/// texts, and turned back into one with the tables of distinct values.
/// </summary>
internal sealed class LeanRow
{
    /// <summary>The integer columns; a NULL column's value is meaningless.</summary>
    public long[] Values { get; } = new long[LeanColumns.IntegerCount];

    /// <summary>Bit <c>c</c> set: integer column <c>c</c> is NULL.</summary>
    public uint Nulls { get; set; }

    /// <summary>The <c>uid</c> column (imported measurements only).</summary>
    public Guid? Uid { get; set; }

    public bool IsNull(int column) => (Nulls & (1u << column)) != 0;

    /// <summary>Fills the row from <paramref name="m"/>; <c>seq</c> is 0 and <c>round</c> NULL until set.</summary>
    /// <param name="m">The measurement.</param>
    /// <param name="series">Its series' number.</param>
    /// <param name="keys">
    /// The numbers of its identities (id.server, hostname.bind, NSID) and texts (address, site, answers, error)
    /// in that order, -1 for none (looked up before, since PostgreSQL's COPY allows no other statement).
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(Measurement m, int series, ReadOnlySpan<int> keys)
    {
        var v = Values;
        uint nulls = 1u << LeanColumns.Round;
        v[LeanColumns.Series] = series;
        v[LeanColumns.Started] = UnixTime.ToMicroseconds(m.Started);
        v[LeanColumns.Seq] = 0;
        v[LeanColumns.Outcome] = (long)m.Outcome;
        v[LeanColumns.Kind] = (long)m.Kind;
        var flags = m.Truncated ? LeanColumns.Truncated : 0;
        if (m.AuthenticData is not null || m.RrsigSeen is not null)
        {
            flags |= LeanColumns.DnssecAsked | (m.AuthenticData == true ? LeanColumns.AuthenticData : 0) | (m.RrsigSeen == true ? LeanColumns.RrsigSeen : 0);
        }

        v[LeanColumns.Flags] = flags;
        Set(ref nulls, LeanColumns.Rtt, m.Rtt is { } rtt ? UnixTime.ToMicroseconds(rtt) : null);
        Set(ref nulls, LeanColumns.Rcode, m.Rcode);
        Set(ref nulls, LeanColumns.ResponseSize, m.ResponseSize);
        Key(ref nulls, LeanColumns.IdServer, keys[0]);
        Key(ref nulls, LeanColumns.HostnameBind, keys[1]);
        Key(ref nulls, LeanColumns.Nsid, keys[2]);
        Set(ref nulls, LeanColumns.IdentityRtt, m.IdentityRtt is { } identityRtt ? UnixTime.ToMicroseconds(identityRtt) : null);
        v[LeanColumns.Discarded] = m.Discarded;
        Set(ref nulls, LeanColumns.Transport, m.Transport is { } t ? (long)t : null);
        Set(ref nulls, LeanColumns.Connection, m.Connection is { } connection ? (long)connection : null);
        Set(ref nulls, LeanColumns.ConnectTime, m.ConnectTime is { } connect ? UnixTime.ToMicroseconds(connect) : null);
        Set(ref nulls, LeanColumns.TlsTime, m.TlsTime is { } tls ? UnixTime.ToMicroseconds(tls) : null);
        Set(ref nulls, LeanColumns.Reconnects, m.Reconnects);
        Set(ref nulls, LeanColumns.SoaSerial, m.SoaSerial);
        Key(ref nulls, LeanColumns.Address, keys[3]);
        Key(ref nulls, LeanColumns.Site, keys[4]);
        Key(ref nulls, LeanColumns.Answers, keys[5]);
        Key(ref nulls, LeanColumns.Error, keys[6]);
        Nulls = nulls;
        Uid = null;
    }

    /// <summary>Sets the round column (NULL for null).</summary>
    public void SetRound(long? number)
    {
        var nulls = Nulls;
        Set(ref nulls, LeanColumns.Round, number);
        Nulls = nulls;
    }

    /// <summary>The measurement this row holds.</summary>
    /// <param name="keys">Tables of the distinct values.</param>
    /// <param name="series">The row's series (read once per series by the caller).</param>
    public Measurement ToMeasurement(ReadKeys keys, SeriesKey series)
    {
        var v = Values;
        var flags = v[LeanColumns.Flags];
        var dnssec = (flags & LeanColumns.DnssecAsked) != 0;
        var idServer = IsNull(LeanColumns.IdServer) ? null : keys.Identity(v[LeanColumns.IdServer]);
        var hostnameBind = IsNull(LeanColumns.HostnameBind) ? null : keys.Identity(v[LeanColumns.HostnameBind]);
        var nsid = IsNull(LeanColumns.Nsid) ? null : keys.Identity(v[LeanColumns.Nsid]);
        var started = v[LeanColumns.Started];
        return new Measurement
        {
            Id = Uid ?? MeasurementIds.Derive(series.Hash, started, (int)v[LeanColumns.Seq], IsNull(LeanColumns.Round) ? 0 : v[LeanColumns.Round]),
            RoundId = IsNull(LeanColumns.Round) || (flags & LeanColumns.NoRoundId) != 0 ? null : keys.Round(v[LeanColumns.Round]),
            VantageId = series.VantageId,
            TargetId = series.TargetId,
            Started = UnixTime.FromMicroseconds(started),
            Outcome = (ProbeOutcome)v[LeanColumns.Outcome],
            Rtt = Duration(LeanColumns.Rtt),
            Rcode = Int(LeanColumns.Rcode),
            ResponseSize = Int(LeanColumns.ResponseSize),
            Truncated = (flags & LeanColumns.Truncated) != 0,
            Identity = idServer is null && hostnameBind is null && nsid is null ? ObservedIdentity.None : new ObservedIdentity(idServer, hostnameBind, nsid),
            IdentityRtt = Duration(LeanColumns.IdentityRtt),
            Discarded = (int)v[LeanColumns.Discarded],
            Error = Text(keys, LeanColumns.Error),
            Kind = (ProbeKind)v[LeanColumns.Kind],
            SiteId = Text(keys, LeanColumns.Site),
            Answers = Text(keys, LeanColumns.Answers),
            Transport = IsNull(LeanColumns.Transport) ? null : (Transport)v[LeanColumns.Transport],
            Address = IsNull(LeanColumns.Address) ? null : keys.Address(v[LeanColumns.Address]),
            Connection = IsNull(LeanColumns.Connection) ? null : (ConnectionMode)v[LeanColumns.Connection],
            ConnectTime = Duration(LeanColumns.ConnectTime),
            TlsTime = Duration(LeanColumns.TlsTime),
            Reconnects = Int(LeanColumns.Reconnects),
            AuthenticData = dnssec ? (flags & LeanColumns.AuthenticData) != 0 : null,
            RrsigSeen = dnssec ? (flags & LeanColumns.RrsigSeen) != 0 : null,
            SoaSerial = IsNull(LeanColumns.SoaSerial) ? null : v[LeanColumns.SoaSerial],
        };
    }

    private TimeSpan? Duration(int column) => IsNull(column) ? null : UnixTime.DurationFromMicroseconds(Values[column]);

    private int? Int(int column) => IsNull(column) ? null : checked((int)Values[column]);

    private string? Text(ReadKeys keys, int column) => IsNull(column) ? null : keys.Text(Values[column]);

    private void Key(ref uint nulls, int column, int key) => Set(ref nulls, column, key < 0 ? null : key);

    private void Set(ref uint nulls, int column, long? value)
    {
        if (value is { } x)
        {
            Values[column] = x;
            nulls &= ~(1u << column);
        }
        else
        {
            nulls |= 1u << column;
        }
    }
}
