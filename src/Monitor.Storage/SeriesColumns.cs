using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// One series (vantage point, target) as the analysis reads it, in columns straight from the lean table:
/// row <c>i</c> of every array is one probe, in the store's series order (start, then id, exactly as
/// <see cref="IMeasurementLog.ReadMeasurementsAsync"/> with <see cref="MeasurementOrder.Series"/> gives them).
/// Identities are the store's numbers (<see cref="Identity"/> gives the value, made once per number);
/// the sparse columns hold only the rows that have a value. One instance is refilled series after series:
/// copy what is kept before the callback returns.
/// </summary>
public sealed class SeriesColumns
{
    /// <summary>No value in an integer column (<see cref="RttMicros"/>, <see cref="Rcodes"/>, identity numbers).</summary>
    public const int None = -1;

    private readonly Func<long, IdentityValue> _identity;
    private long[] _started = new long[256];
    private int[] _rtt = new int[256];
    private byte[] _outcome = new byte[256];
    private short[] _rcode = new short[256];
    private byte[] _kind = new byte[256];
    private int[] _idServer = new int[256];
    private int[] _hostnameBind = new int[256];
    private int[] _nsid = new int[256];

    internal SeriesColumns(Func<long, IdentityValue> identity) => _identity = identity;

    /// <summary>The vantage point.</summary>
    public string VantageId { get; private set; } = string.Empty;

    /// <summary>The target.</summary>
    public string TargetId { get; private set; } = string.Empty;

    /// <summary>Rows.</summary>
    public int Count { get; private set; }

    /// <summary>Send time of each main query, Unix µs, UTC.</summary>
    public ReadOnlySpan<long> StartedMicros => _started.AsSpan(0, Count);

    /// <summary>RTT in µs, or <see cref="None"/>.</summary>
    public ReadOnlySpan<int> RttMicros => _rtt.AsSpan(0, Count);

    /// <summary>Each probe's <see cref="ProbeOutcome"/>.</summary>
    public ReadOnlySpan<byte> Outcomes => _outcome.AsSpan(0, Count);

    /// <summary>The rcode, or <see cref="None"/>.</summary>
    public ReadOnlySpan<short> Rcodes => _rcode.AsSpan(0, Count);

    /// <summary>Each probe's <see cref="ProbeKind"/>.</summary>
    public ReadOnlySpan<byte> Kinds => _kind.AsSpan(0, Count);

    /// <summary>The store's number of the id.server value, or <see cref="None"/>.</summary>
    public ReadOnlySpan<int> IdServerIds => _idServer.AsSpan(0, Count);

    /// <summary>The store's number of the hostname.bind value, or <see cref="None"/>.</summary>
    public ReadOnlySpan<int> HostnameBindIds => _hostnameBind.AsSpan(0, Count);

    /// <summary>The store's number of the NSID value, or <see cref="None"/>.</summary>
    public ReadOnlySpan<int> NsidIds => _nsid.AsSpan(0, Count);

    /// <summary>Answers of A/AAAA main queries: (row, text), rows ascending.</summary>
    public List<(int Row, string Value)> Answers { get; } = [];

    /// <summary>SOA serials: (row, serial).</summary>
    public List<(int Row, long Value)> SoaSerials { get; } = [];

    /// <summary>Addresses the main queries went to: (row, address).</summary>
    public List<(int Row, IPAddress Value)> Addresses { get; } = [];

    /// <summary>Sites of site probes: (row, site id).</summary>
    public List<(int Row, string Value)> SiteIds { get; } = [];

    /// <summary>The identity value a store number stands for (the same instance for the same number).</summary>
    public IdentityValue Identity(int id) => _identity(id);

    internal void Reset(string vantageId, string targetId)
    {
        VantageId = vantageId;
        TargetId = targetId;
        Count = 0;
        Answers.Clear();
        SoaSerials.Clear();
        Addresses.Clear();
        SiteIds.Clear();
    }

    internal int Add(long started, int rtt, byte outcome, short rcode, byte kind, int idServer, int hostnameBind, int nsid)
    {
        if (Count == _started.Length)
        {
            var size = Count * 2;
            Array.Resize(ref _started, size);
            Array.Resize(ref _rtt, size);
            Array.Resize(ref _outcome, size);
            Array.Resize(ref _rcode, size);
            Array.Resize(ref _kind, size);
            Array.Resize(ref _idServer, size);
            Array.Resize(ref _hostnameBind, size);
            Array.Resize(ref _nsid, size);
        }

        var i = Count++;
        _started[i] = started;
        _rtt[i] = rtt;
        _outcome[i] = outcome;
        _rcode[i] = rcode;
        _kind[i] = kind;
        _idServer[i] = idServer;
        _hostnameBind[i] = hostnameBind;
        _nsid[i] = nsid;
        return i;
    }
}
