using System.Net;
using System.Runtime.CompilerServices;

using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// One series (one vantage point's probes of one target, every kind) as columns: what the analysis reads
/// of each probe, one array per field and no object per row. A store reader fills it straight from its
/// table with <see cref="Add(long, int, ProbeOutcome, int, int, ProbeKind)"/> and the <c>Set…</c> methods; <see cref="FromMeasurements"/> fills it from
/// <see cref="Measurement"/> records.
/// </summary>
/// <remarks>
/// <para>The contract, row by row (row <c>i</c> of every column is the same probe):</para>
/// <list type="bullet">
/// <item>Rows are in the store's series order: started time, then the store's tie order, exactly as
/// <c>ReadMeasurementsAsync</c> with series order returns them. The analysis depends on that order
/// (the first site met, runs of sites), not only on the times.</item>
/// <item><see cref="StartedMicros"/>: when the main query was sent, Unix time in microseconds, UTC.</item>
/// <item><see cref="RttMicros"/>: the main query's RTT in whole microseconds, or <see cref="NoRtt"/> (−1);
/// kept as recorded whatever the outcome (readers check the outcome). RTTs longer than
/// <see cref="int.MaxValue"/> µs (35 minutes) are not representable and are rejected.</item>
/// <item><see cref="Outcomes"/>: the <see cref="ProbeOutcome"/> as a byte.</item>
/// <item><see cref="Rcodes"/>: the (extended) rcode, or <see cref="NoRcode"/> (−1) without a response.</item>
/// <item><see cref="IdentityIds"/>: an id of <see cref="Identities"/>, shared by every series of the
/// analysis, or <see cref="IdentityTable.None"/> (−1) when the probe carried no identity.</item>
/// <item><see cref="Kinds"/>: the <see cref="ProbeKind"/> as a byte.</item>
/// <item>Sparse columns, only on the rows that have a value (nothing stored when no row has one):
/// <see cref="Answers"/> (A/AAAA answer addresses as stored, <see cref="Measurement.Answers"/>),
/// <see cref="SoaSerials"/> (<see cref="Measurement.SoaSerial"/>), <see cref="Addresses"/> (the address the
/// main query went to, <see cref="Measurement.Address"/>) and <see cref="SiteIds"/> (a site probe's site,
/// <see cref="Measurement.SiteId"/>).</item>
/// </list>
/// <para>
/// Nothing else of a measurement is read by the analysis: transport timings, response size, errors and
/// round ids stay in the store. The arrays may be longer than <see cref="Count"/>; only the first
/// <see cref="Count"/> entries mean anything (the spans are cut to it). <see cref="Clear"/> keeps the
/// arrays so that one instance can be filled series after series.
/// </para>
/// </remarks>
public sealed class ColumnarSeries
{
    /// <summary>The RTT of a probe without one.</summary>
    public const int NoRtt = -1;

    /// <summary>The rcode of a probe without a response.</summary>
    public const short NoRcode = -1;

    private long[] _started;
    private int[] _rtt;
    private byte[] _outcome;
    private short[] _rcode;
    private int[] _identity;
    private byte[] _kind;

    /// <summary>Creates an empty series.</summary>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="targetId">The target.</param>
    /// <param name="identities">The analysis' identity table, shared by all its series.</param>
    /// <param name="capacity">Rows to make room for at first (grows as needed).</param>
    public ColumnarSeries(string vantageId, string targetId, IdentityTable identities, int capacity = 64)
    {
        ArgumentNullException.ThrowIfNull(vantageId);
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        VantageId = vantageId;
        TargetId = targetId;
        Identities = identities;
        capacity = Math.Max(capacity, 4);
        _started = new long[capacity];
        _rtt = new int[capacity];
        _outcome = new byte[capacity];
        _rcode = new short[capacity];
        _identity = new int[capacity];
        _kind = new byte[capacity];
    }

    /// <summary>The vantage point's id.</summary>
    public string VantageId { get; private set; }

    /// <summary>The target's id.</summary>
    public string TargetId { get; private set; }

    /// <summary>The identity table <see cref="IdentityIds"/> point into.</summary>
    public IdentityTable Identities { get; }

    /// <summary>Rows (probes) in the series.</summary>
    public int Count { get; private set; }

    /// <summary>Send time of each probe's main query, Unix µs, UTC.</summary>
    public ReadOnlySpan<long> StartedMicros => _started.AsSpan(0, Count);

    /// <summary>RTT of each main query in µs, or <see cref="NoRtt"/>.</summary>
    public ReadOnlySpan<int> RttMicros => _rtt.AsSpan(0, Count);

    /// <summary>Each probe's <see cref="ProbeOutcome"/>.</summary>
    public ReadOnlySpan<byte> Outcomes => _outcome.AsSpan(0, Count);

    /// <summary>Each probe's rcode, or <see cref="NoRcode"/>.</summary>
    public ReadOnlySpan<short> Rcodes => _rcode.AsSpan(0, Count);

    /// <summary>Each probe's identity id in <see cref="Identities"/>, or <see cref="IdentityTable.None"/>.</summary>
    public ReadOnlySpan<int> IdentityIds => _identity.AsSpan(0, Count);

    /// <summary>Each probe's <see cref="ProbeKind"/>.</summary>
    public ReadOnlySpan<byte> Kinds => _kind.AsSpan(0, Count);

    /// <summary>Answer addresses of A/AAAA main queries, where recorded (<see cref="Measurement.Answers"/>).</summary>
    public SparseColumn<string> Answers { get; } = new();

    /// <summary>SOA serials of SOA main queries (<see cref="Measurement.SoaSerial"/>).</summary>
    public SparseColumn<long> SoaSerials { get; } = new();

    /// <summary>The address each main query went to, where recorded (<see cref="Measurement.Address"/>).</summary>
    public SparseColumn<IPAddress> Addresses { get; } = new();

    /// <summary>The site a <see cref="ProbeKind.Site"/> probe was sent to (<see cref="Measurement.SiteId"/>).</summary>
    public SparseColumn<string> SiteIds { get; } = new();

    /// <summary>Appends one probe; returns its row number (for the sparse columns).</summary>
    /// <param name="startedMicros">Send time, Unix µs, UTC; not before the previous row's.</param>
    /// <param name="rttMicros">RTT in µs, or <see cref="NoRtt"/>.</param>
    /// <param name="outcome">What became of the main query.</param>
    /// <param name="rcode">The rcode (0–4095), or <see cref="NoRcode"/>.</param>
    /// <param name="identityId">An id of <see cref="Identities"/>, or <see cref="IdentityTable.None"/>.</param>
    /// <param name="kind">Why the probe was sent.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its column's range, or the row goes back in time.</exception>
    public int Add(long startedMicros, int rttMicros, ProbeOutcome outcome, int rcode, int identityId, ProbeKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rttMicros, NoRtt);
        ArgumentOutOfRangeException.ThrowIfLessThan(rcode, NoRcode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rcode, 4095);
        ArgumentOutOfRangeException.ThrowIfLessThan(identityId, IdentityTable.None);
        if (Count > 0 && startedMicros < _started[Count - 1])
        {
            throw new ArgumentOutOfRangeException(nameof(startedMicros), startedMicros, $"Rows of a series come in time order; the last started at {_started[Count - 1]} µs.");
        }

        if (Count == _started.Length)
        {
            Grow();
        }

        var row = Count;
        _started[row] = startedMicros;
        _rtt[row] = rttMicros;
        _outcome[row] = (byte)outcome;
        _rcode[row] = (short)rcode;
        _identity[row] = identityId;
        _kind[row] = (byte)kind;
        Count = row + 1;
        return row;
    }

    /// <summary>Appends one measurement of this series, converting it to the columns.</summary>
    /// <param name="measurement">A measurement of <see cref="VantageId"/> and <see cref="TargetId"/>, not before the last row.</param>
    /// <returns>Its row number.</returns>
    /// <exception cref="ArgumentException">The measurement belongs to another series.</exception>
    public int Add(Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        if (!string.Equals(measurement.VantageId, VantageId, StringComparison.Ordinal) || !string.Equals(measurement.TargetId, TargetId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Measurement of ({measurement.VantageId}, {measurement.TargetId}) added to series ({VantageId}, {TargetId}).", nameof(measurement));
        }

        return AddRow(measurement);
    }

    /// <summary>Appends a measurement whatever series it names (a view built for a test's series of any ids).</summary>
    internal int AddRow(Measurement measurement)
    {
        var row = Add(
            ToMicros(measurement.Started),
            measurement.Rtt is { } rtt ? ToMicros(rtt) : NoRtt,
            measurement.Outcome,
            measurement.Rcode ?? NoRcode,
            Identities.Intern(measurement.Identity),
            measurement.Kind);
        if (measurement.Answers is { } answers)
        {
            Answers.Set(row, answers);
        }

        if (measurement.SoaSerial is { } serial)
        {
            SoaSerials.Set(row, serial);
        }

        if (measurement.Address is { } address)
        {
            Addresses.Set(row, address);
        }

        if (measurement.SiteId is { } site)
        {
            SiteIds.Set(row, site);
        }

        return row;
    }

    /// <summary>Builds the columns of one series from its measurements (any kind, in series order).</summary>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="targetId">The target.</param>
    /// <param name="measurements">Every probe of the series, in the store's series order.</param>
    /// <param name="identities">The analysis' identity table.</param>
    public static ColumnarSeries FromMeasurements(string vantageId, string targetId, IReadOnlyList<Measurement> measurements, IdentityTable identities)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var series = new ColumnarSeries(vantageId, targetId, identities, measurements.Count);
        foreach (var m in measurements)
        {
            series.Add(m);
        }

        return series;
    }

    /// <summary>
    /// Groups measurements that come in series order (vantage point, target, time — as the store's series
    /// order returns them) into one new <see cref="ColumnarSeries"/> per series: the columns of today's
    /// measurement reads. A series met again later is handed over again (the analyzer refuses it).
    /// </summary>
    /// <param name="bySeries">The measurements, in series order.</param>
    /// <param name="identities">The identity table every series shares.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async IAsyncEnumerable<ColumnarSeries> ReadAsync(IAsyncEnumerable<Measurement> bySeries, IdentityTable identities, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bySeries);
        ArgumentNullException.ThrowIfNull(identities);
        ColumnarSeries? current = null;
        await foreach (var m in bySeries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (current is null || !string.Equals(current.VantageId, m.VantageId, StringComparison.Ordinal) || !string.Equals(current.TargetId, m.TargetId, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = new ColumnarSeries(m.VantageId, m.TargetId, identities, current is null ? 64 : Math.Max(64, current.Count));
            }

            current.AddRow(m);
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>
    /// Empties the series and names it anew, keeping its arrays for the next series: for a reader that
    /// consumes series one by one itself. Never clear a series handed to <see cref="Analyzer"/>, which builds
    /// views of several series at once: hand it a new instance per series.
    /// </summary>
    /// <param name="vantageId">The next series' vantage point.</param>
    /// <param name="targetId">The next series' target.</param>
    public void Clear(string vantageId, string targetId)
    {
        ArgumentNullException.ThrowIfNull(vantageId);
        ArgumentNullException.ThrowIfNull(targetId);
        VantageId = vantageId;
        TargetId = targetId;
        Count = 0;
        Answers.Clear();
        SoaSerials.Clear();
        Addresses.Clear();
        SiteIds.Clear();
    }

    /// <summary>Send time of a row as a UTC instant.</summary>
    public DateTimeOffset Started(int row) => FromMicros(_started[CheckRow(row)]);

    /// <summary>RTT of a row, or null.</summary>
    public TimeSpan? Rtt(int row) => _rtt[CheckRow(row)] is var us && us == NoRtt ? null : TimeSpan.FromTicks(us * TimeSpan.TicksPerMicrosecond);

    /// <summary>The identity of a row (<see cref="ObservedIdentity.None"/> without one).</summary>
    public ObservedIdentity Identity(int row) => Identities.Of(_identity[CheckRow(row)]);

    /// <summary>A UTC instant as Unix µs, as the columns hold it (sub-microsecond ticks are dropped).</summary>
    public static long ToMicros(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Unix µs as a UTC instant.</summary>
    public static DateTimeOffset FromMicros(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>A duration in whole µs, rounded half away from zero as the store rounds it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or longer than <see cref="int.MaxValue"/> µs.</exception>
    public static int ToMicros(TimeSpan duration)
    {
        var us = Math.Round(duration.Ticks / (double)TimeSpan.TicksPerMicrosecond, MidpointRounding.AwayFromZero);
        ArgumentOutOfRangeException.ThrowIfNegative(us, nameof(duration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(us, int.MaxValue, nameof(duration));
        return (int)us;
    }

    private int CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return row;
    }

    private void Grow()
    {
        var size = _started.Length * 2;
        Array.Resize(ref _started, size);
        Array.Resize(ref _rtt, size);
        Array.Resize(ref _outcome, size);
        Array.Resize(ref _rcode, size);
        Array.Resize(ref _identity, size);
        Array.Resize(ref _kind, size);
    }
}
