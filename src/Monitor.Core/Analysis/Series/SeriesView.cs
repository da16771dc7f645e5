using Monitor.Core.Analysis.Latency;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Series;

/// <summary>
/// One series (a vantage point's probes of one target, in time order) as every aggregator reads it,
/// computed once from its <see cref="ColumnarSeries"/>: the site run of its regular probes, per-site tallies
/// with their percentiles, the dominant site, its RTTs, and the burst and site probes the failover and
/// path-inflation findings need. Sites are resolved once per distinct identity id of the series (an array
/// indexed by id, no hashing of identities per row).
/// </summary>
/// <remarks>
/// A view can be built on any thread (<see cref="Build"/>): it notes nothing in the shared
/// <see cref="SiteTable"/> until <see cref="Commit"/>, which the analyzer calls in series order, so that a
/// parallel analysis keeps the table's first-seen order exactly as a sequential one.
/// </remarks>
public sealed class SeriesView
{
    [ThreadStatic]
    private static int[]? _slotOfId;

    private readonly List<(int PlainIdentityId, SiteIdentification? Identification)> _notes = [];
    private readonly Dictionary<string, SiteConfidence> _confidence = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];
    private long[] _regularTicks = [];
    private int[] _regularSites = [];
    private double[] _regularRtts = [];
    private int[] _rttMicros = [];
    private SeriesClassification? _classification;
    private RouteOptions? _classifiedWith;
    private IReadOnlyList<Failover>? _failovers;
    private int _failoversMinLost;
    private bool _committed;

    private SeriesView(string vantageId, string targetId, string provider, VantagePoint? vantage, SiteTable sites)
    {
        VantageId = vantageId;
        TargetId = targetId;
        Provider = provider;
        Vantage = vantage;
        SiteTable = sites;
    }

    /// <summary>The vantage point's id.</summary>
    public string VantageId { get; }

    /// <summary>The target's id.</summary>
    public string TargetId { get; }

    /// <summary>The target's provider (the target id when none is known).</summary>
    public string Provider { get; }

    /// <summary>The vantage point, when the store knows it (location, clock offset).</summary>
    public VantagePoint? Vantage { get; }

    /// <summary>The analysis' identity-to-site table.</summary>
    public SiteTable SiteTable { get; }

    /// <summary>Regular probes in the series; the statistics are made of these alone.</summary>
    public int Count => _regularSites.Length;

    /// <summary>Each regular probe in time order: when, the site that answered (null: none), the RTT.</summary>
    public IReadOnlyList<SeriesSample> Samples => new Mapped<SeriesSample>(Count, k => new SeriesSample(
        new DateTimeOffset(_regularTicks[k], TimeSpan.Zero),
        _regularSites[k] < 0 ? null : _codes[_regularSites[k]],
        double.IsNaN(_regularRtts[k]) ? null : _regularRtts[k]));

    /// <summary>RTTs (ms) of the answered regular probes, site by site.</summary>
    public IReadOnlyList<double> Rtts => new Mapped<double>(_rttMicros.Length, k => _rttMicros[k] / 1000.0);

    /// <summary>RTTs of the answered regular probes in whole microseconds, site by site, each site's ascending.</summary>
    public ReadOnlySpan<int> RttMicroseconds => _rttMicros;

    /// <summary>Failures of a series in which nothing answered: they belong to no site.</summary>
    public int Unattributed { get; private set; }

    /// <summary>Per site that answered, in ordinal order of the code.</summary>
    public IReadOnlyList<SiteTally> Sites { get; private set; } = [];

    /// <summary>The site with the most answers (ties: ordinal first), or null when nothing answered.</summary>
    public SiteTally? Dominant { get; private set; }

    /// <summary>The answer set (RDATA) seen most often in good regular answers, or null.</summary>
    public string? DominantAnswers { get; private set; }

    /// <summary>Regular and burst probes in time order: when, and the site of a good answer (else null).</summary>
    public IReadOnlyList<(DateTimeOffset Started, string? Site)> FailoverProbes { get; private set; } = [];

    /// <summary>Every answer of any kind that carried an SOA serial: when, the site (identity, else the probed site), the serial.</summary>
    public IReadOnlyList<(DateTimeOffset Started, string Site, uint Serial)> Serials { get; private set; } = [];

    /// <summary>The address each regular probe went to, in time order, where recorded (a host-name target's may change).</summary>
    public IReadOnlyList<(DateTimeOffset Started, System.Net.IPAddress Address)> Addresses { get; private set; } = [];

    /// <summary>Probes sent to one site's own address (path inflation), in time order.</summary>
    public IReadOnlyList<SiteProbe> SiteProbes { get; private set; } = [];

    /// <summary>
    /// What the interception check reads of the regular answers: each identity with its answers (in the order
    /// identities first answered), answers per rcode (−1: none), and the smallest RTT (ms).
    /// </summary>
    internal (List<(ObservedIdentity Identity, int Answers)> Identities, Dictionary<int, int> Rcodes, double? MinRttMs) Interception { get; private set; } = ([], [], null);

    /// <summary>Builds and commits the view of one series given as measurements (any kind, in time order).</summary>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="targetId">The target.</param>
    /// <param name="provider">The target's provider.</param>
    /// <param name="vantage">The vantage point's record, if known.</param>
    /// <param name="all">Every probe of the series, any kind, in time order.</param>
    /// <param name="sites">Identity to site.</param>
    public static SeriesView Of(string vantageId, string targetId, string provider, VantagePoint? vantage, List<Measurement> all, SiteTable sites)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(sites);
        var columns = new ColumnarSeries(vantageId, targetId, sites.Identities, all.Count);
        foreach (var m in all)
        {
            columns.AddRow(m);
        }

        return Of(columns, provider, vantage, sites);
    }

    /// <summary>Builds and commits the view of one series' columns.</summary>
    /// <param name="columns">The series.</param>
    /// <param name="provider">The target's provider.</param>
    /// <param name="vantage">The vantage point's record, if known.</param>
    /// <param name="sites">Identity to site, bound to the columns' identity table.</param>
    public static SeriesView Of(ColumnarSeries columns, string provider, VantagePoint? vantage, SiteTable sites)
    {
        var view = Build(columns, provider, vantage, sites);
        view.Commit();
        return view;
    }

    /// <summary>
    /// Builds the view without noting anything in <paramref name="sites"/>: safe to call for several series
    /// at once. Call <see cref="Commit"/> on each view in series order before aggregators read it.
    /// </summary>
    /// <param name="columns">The series.</param>
    /// <param name="provider">The target's provider.</param>
    /// <param name="vantage">The vantage point's record, if known.</param>
    /// <param name="sites">Identity to site, bound to the columns' identity table (see <see cref="SiteTable.Identities"/>).</param>
    /// <exception cref="ArgumentException">The columns belong to another identity table than the one <paramref name="sites"/> reads.</exception>
    public static SeriesView Build(ColumnarSeries columns, string provider, VantagePoint? vantage, SiteTable sites)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(sites);
        if (!ReferenceEquals(columns.Identities, sites.Identities))
        {
            throw new ArgumentException("The series' identity table is not the one the site table reads.", nameof(columns));
        }

        var view = new SeriesView(columns.VantageId, columns.TargetId, provider, vantage, sites);
        var builder = new Builder(view, columns);
        try
        {
            builder.Run();
        }
        finally
        {
            builder.Release();
        }

        return view;
    }

    /// <summary>Notes in the site table what this view resolved; once, before aggregators read the view, in series order.</summary>
    public void Commit()
    {
        if (!_committed)
        {
            SiteTable.Commit(_notes);
            _committed = true;
        }
    }

    /// <summary>The series' route changes and warnings, classified once per options.</summary>
    internal SeriesClassification Classify(RouteOptions options)
    {
        if (_classification is null || !ReferenceEquals(_classifiedWith, options))
        {
            _classification = SeriesClassifier.Classify(TargetId, VantageId, _regularTicks, _regularSites, _regularRtts, _codes, options);
            _classifiedWith = options;
        }

        return _classification;
    }

    /// <summary>The series' failovers (<see cref="FailoverDetector"/>), found once per threshold.</summary>
    internal IReadOnlyList<Failover> Failovers(int minLost)
    {
        if (_failovers is null || _failoversMinLost != minLost)
        {
            _failovers = FailoverDetector.Find(TargetId, VantageId, FailoverProbes, minLost);
            _failoversMinLost = minLost;
        }

        return _failovers;
    }

    /// <summary>
    /// How sure the engine was of a site in this series (its most confident identity here), or null for a
    /// site met only without an RTT; <see cref="SiteTable.Identification"/> has the analysis-wide reading.
    /// </summary>
    public SiteConfidence? Confidence(string code) => _confidence.TryGetValue(code, out var c) ? c : SiteTable.Identification(code)?.Confidence;

    /// <summary>True when a site may count in this series' catchment shares: anything but a low-confidence guess.</summary>
    public bool Counts(string code) => Confidence(code) != SiteConfidence.Low;

    /// <summary>
    /// One pass over the columns. Identity ids are mapped to slots of this series (first seen first) through a
    /// per-thread array indexed by id; each slot resolves its identity once.
    /// </summary>
    private sealed class Builder
    {
        private readonly SeriesView _view;
        private readonly ColumnarSeries _c;
        private readonly int[] _slotOf;
        private readonly List<int> _ids = [];
        private readonly List<int> _minRtt = [];
        private readonly List<Site?> _site = [];
        private readonly List<int> _local = [];
        private readonly List<bool> _plainNoted = [];
        private readonly List<int> _answers = [];
        private readonly List<int> _interceptionOrder = [];
        private readonly Dictionary<string, int> _localOfCode = new(StringComparer.Ordinal);
        private readonly List<Site> _localSite = [];
        private int _noIdentityLocal = -1;
        private Site? _noIdentitySite;
        private int _noIdentityAnswers;

        public Builder(SeriesView view, ColumnarSeries columns)
        {
            _view = view;
            _c = columns;
            var size = Math.Max(columns.Identities.Count, 64);
            _slotOf = _slotOfId is { } kept && kept.Length >= size ? kept : new int[size * 2];
            _slotOfId = null; // a nested build on this thread (never expected) gets its own
        }

        public void Release()
        {
            foreach (var id in _ids)
            {
                _slotOf[id] = 0;
            }

            _slotOfId = _slotOf;
        }

        public void Run()
        {
            ResolveIdentities();
            var rows = _c.Count;
            var outcomes = _c.Outcomes;
            var kinds = _c.Kinds;
            var identities = _c.IdentityIds;
            var failover = new List<(DateTimeOffset, string?)>(rows);
            List<SiteProbe>? siteProbes = null;
            List<(DateTimeOffset, string, uint)>? serials = null;
            List<(DateTimeOffset, System.Net.IPAddress)>? addresses = null;
            var serialAt = new Cursor<long>(_c.SoaSerials);
            var addressAt = new Cursor<System.Net.IPAddress>(_c.Addresses);
            var siteIdAt = new Cursor<string>(_c.SiteIds);
            var regular = 0;
            for (var row = 0; row < rows; row++)
            {
                var answered = outcomes[row] == (byte)ProbeOutcome.Answered;
                var id = identities[row];
                if (serialAt.At(row, out var serial) && answered)
                {
                    string site;
                    if (id != IdentityTable.None)
                    {
                        site = PlainSite(id).Code;
                    }
                    else
                    {
                        site = siteIdAt.At(row, out var probed) ? probed : Analyzer.NoIdentity;
                    }

                    (serials ??= []).Add((_c.Started(row), site, (uint)serial));
                }

                var kind = (ProbeKind)kinds[row];
                if (addressAt.At(row, out var address) && kind == ProbeKind.Regular)
                {
                    (addresses ??= []).Add((_c.Started(row), address));
                }

                if (kind == ProbeKind.Site)
                {
                    var rtt = _c.RttMicros[row];
                    (siteProbes ??= []).Add(new SiteProbe(siteIdAt.At(row, out var probed) ? probed : null, IsGood(row), rtt == ColumnarSeries.NoRtt ? null : rtt / 1000.0, _c.Identities.Of(id)));
                    continue;
                }

                regular += kind == ProbeKind.Regular ? 1 : 0;
                failover.Add((_c.Started(row), IsGood(row) ? SiteOf(id).Code : null));
            }

            _view.FailoverProbes = failover;
            _view.Serials = serials ?? [];
            _view.Addresses = addresses ?? [];
            _view.SiteProbes = siteProbes ?? [];
            if (regular > 0)
            {
                AddRegular(regular);
            }
        }

        /// <summary>
        /// Reads each distinct identity of the series once, with the target's provider and, where the vantage
        /// point's position is known, the smallest RTT of the answers that carried it, so the site engine can
        /// reject places light could not have reached in that time.
        /// </summary>
        private void ResolveIdentities()
        {
            var outcomes = _c.Outcomes;
            var kinds = _c.Kinds;
            var identities = _c.IdentityIds;
            var rtts = _c.RttMicros;
            var measured = new List<int>();
            for (var row = 0; row < _c.Count; row++)
            {
                var id = identities[row];
                if (kinds[row] != (byte)ProbeKind.Site && outcomes[row] == (byte)ProbeOutcome.Answered && id != IdentityTable.None && rtts[row] != ColumnarSeries.NoRtt)
                {
                    var slot = SlotOf(id);
                    if (_minRtt[slot] == ColumnarSeries.NoRtt)
                    {
                        measured.Add(slot);
                        _minRtt[slot] = rtts[row];
                    }
                    else if (rtts[row] < _minRtt[slot])
                    {
                        _minRtt[slot] = rtts[row];
                    }
                }
            }

            foreach (var slot in measured)
            {
                var rtt = _minRtt[slot] / 1000.0;
                var physics = _view.Vantage is { Latitude: { } lat, Longitude: { } lon } ? new PhysicsContext(lat, lon, rtt) : null;
                var identification = _view.SiteTable.IdentifyQuietly(_c.Identities[_ids[slot]], _view.Provider, physics);
                _view._notes.Add((IdentityTable.None, identification));
                _site[slot] = identification.Site;
                var code = identification.Site.Code;
                if (!_view._confidence.TryGetValue(code, out var known) || identification.Confidence > known)
                {
                    _view._confidence[code] = identification.Confidence;
                }
            }
        }

        private void AddRegular(int regular)
        {
            var ticks = new long[regular];
            var sites = new int[regular];
            var rttMs = new double[regular];
            var rowOfAnswer = new List<int>(regular);
            var sent = new List<int>();
            var rttCount = new List<int>();
            var outcomes = _c.Outcomes;
            var kinds = _c.Kinds;
            var identities = _c.IdentityIds;
            var rtts = _c.RttMicros;
            var rcodes = _c.Rcodes;
            var rcodeCounts = new Dictionary<int, int>();
            double? minRtt = null;
            var answersAt = new Cursor<string>(_c.Answers);
            Dictionary<string, int>? answerSets = null;
            int? current = null;
            var pendingFailures = 0;
            var k = 0;
            for (var row = 0; row < _c.Count; row++)
            {
                if (kinds[row] != (byte)ProbeKind.Regular)
                {
                    continue;
                }

                ticks[k] = _c.StartedMicros[row] * TimeSpan.TicksPerMicrosecond + DateTimeOffset.UnixEpoch.UtcTicks;
                if (answersAt.At(row, out var answerSet) && IsGood(row))
                {
                    answerSets ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    answerSets[answerSet] = answerSets.GetValueOrDefault(answerSet) + 1;
                }

                if (outcomes[row] != (byte)ProbeOutcome.Answered)
                {
                    (sites[k], rttMs[k]) = (-1, double.NaN);
                    k++;
                    if (current is { } at)
                    {
                        sent[at]++;
                    }
                    else
                    {
                        pendingFailures++;
                    }

                    continue;
                }

                var id = identities[row];
                var local = LocalOf(id);
                while (sent.Count <= local)
                {
                    sent.Add(0);
                    rttCount.Add(0);
                }

                // Failures before the first answer count against the first site seen.
                sent[local] += 1 + pendingFailures;
                pendingFailures = 0;
                var rtt = rtts[row];
                sites[k] = local;
                rttMs[k] = rtt == ColumnarSeries.NoRtt ? double.NaN : rtt / 1000.0;
                if (rtt != ColumnarSeries.NoRtt)
                {
                    rttCount[local]++;
                    rowOfAnswer.Add(row);
                    minRtt = minRtt is { } m && m <= rtt / 1000.0 ? m : rtt / 1000.0;
                }

                if (id == IdentityTable.None)
                {
                    _noIdentityAnswers++;
                }
                else
                {
                    var slot = SlotOf(id);
                    if (_answers[slot]++ == 0)
                    {
                        _interceptionOrder.Add(slot);
                    }
                }

                rcodeCounts[rcodes[row]] = rcodeCounts.GetValueOrDefault(rcodes[row]) + 1;
                current = local;
                k++;
            }

            // Each site's RTTs together and ascending: sorted once here, shared by every summary of the site.
            var offsets = new int[sent.Count + 1];
            for (var s = 0; s < sent.Count; s++)
            {
                offsets[s + 1] = offsets[s] + rttCount[s];
            }

            var micros = new int[offsets[^1]];
            var fill = offsets[..^1];
            foreach (var row in rowOfAnswer)
            {
                micros[fill[LocalOf(identities[row])]++] = rtts[row];
            }

            var tallies = new List<SiteTally>(sent.Count);
            for (var s = 0; s < sent.Count; s++)
            {
                var segment = micros.AsSpan(offsets[s], rttCount[s]);
                MicrosecondSort.Sort(segment);
                var (answers, label) = Identity(s);
                tallies.Add(new SiteTally(_localSite[s], sent[s], answers, label, LatencySummary.FromSortedMicroseconds(sent[s], segment)));
            }

            tallies.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            _view._regularTicks = ticks;
            _view._regularSites = sites;
            _view._regularRtts = rttMs;
            _view._rttMicros = micros;
            _view.Unattributed = pendingFailures;
            _view.Sites = tallies;
            _view.Dominant = tallies.OrderByDescending(s => s.Answers).ThenBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault();
            _view.DominantAnswers = answerSets?.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            _view.Interception = ([.. _interceptionOrder.Select(slot => (_c.Identities[_ids[slot]], _answers[slot])), .. _noIdentityAnswers > 0 ? [(ObservedIdentity.None, _noIdentityAnswers)] : Array.Empty<(ObservedIdentity, int)>()], rcodeCounts, minRtt);
        }

        /// <summary>Answers of a site and the identity text that named it most often (ties: ordinal first).</summary>
        private (int Answers, string Label) Identity(int local)
        {
            var labels = new Dictionary<string, int>(StringComparer.Ordinal);
            if (local == _noIdentityLocal && _noIdentityAnswers > 0)
            {
                labels[Analyzer.NoIdentity] = _noIdentityAnswers;
            }

            for (var slot = 0; slot < _ids.Count; slot++)
            {
                if (_local[slot] == local && _answers[slot] > 0)
                {
                    var label = _view.SiteTable.Label(_ids[slot]);
                    labels[label] = labels.GetValueOrDefault(label) + _answers[slot];
                }
            }

            return (labels.Values.Sum(), labels.OrderByDescending(i => i.Value).ThenBy(i => i.Key, StringComparer.Ordinal).First().Key);
        }

        private bool IsGood(int row) =>
            _c.Outcomes[row] == (byte)ProbeOutcome.Answered && _c.Rcodes[row] is ColumnarSeries.NoRcode or DnsRcodes.NoError or DnsRcodes.NXDomain;

        private int SlotOf(int id)
        {
            var slot = _slotOf[id] - 1;
            if (slot < 0)
            {
                slot = _ids.Count;
                _slotOf[id] = slot + 1;
                _ids.Add(id);
                _minRtt.Add(ColumnarSeries.NoRtt);
                _site.Add(null);
                _local.Add(-1);
                _plainNoted.Add(false);
                _answers.Add(0);
            }

            return slot;
        }

        /// <summary>The site an identity id names in this series (physics-checked when it could be).</summary>
        private Site SiteOf(int id)
        {
            if (id == IdentityTable.None)
            {
                return _noIdentitySite ??= _view.SiteTable.IdentifyQuietly(ObservedIdentity.None, null, null).Site;
            }

            var slot = SlotOf(id);
            if (_site[slot] is not { } site)
            {
                var identification = _view.SiteTable.IdentifyQuietly(_c.Identities[id], _view.Provider, null);
                _view._notes.Add((IdentityTable.None, identification));
                site = identification.Site;
                _site[slot] = site;
            }

            return site;
        }

        /// <summary>The site an identity names without provider or physics, noted (once per series) for the commit.</summary>
        private Site PlainSite(int id)
        {
            var slot = SlotOf(id);
            if (!_plainNoted[slot])
            {
                _plainNoted[slot] = true;
                _view._notes.Add((id, null));
            }

            return _view.SiteTable.PlainSite(id);
        }

        /// <summary>The number of the site an answer's identity names in this series (one per code, first met first).</summary>
        private int LocalOf(int id)
        {
            if (id == IdentityTable.None)
            {
                return _noIdentityLocal >= 0 ? _noIdentityLocal : _noIdentityLocal = Local(SiteOf(id));
            }

            var slot = SlotOf(id);
            return _local[slot] >= 0 ? _local[slot] : _local[slot] = Local(SiteOf(id));
        }

        private int Local(Site site)
        {
            if (!_localOfCode.TryGetValue(site.Code, out var local))
            {
                local = _localSite.Count;
                _localOfCode[site.Code] = local;
                _localSite.Add(site);
                _view._codes.Add(site.Code);
            }

            return local;
        }
    }

    /// <summary>Walks a sparse column alongside increasing rows.</summary>
    private ref struct Cursor<T>(SparseColumn<T> column)
    {
        private readonly ReadOnlySpan<int> _rows = column.Rows;
        private readonly ReadOnlySpan<T> _values = column.Values;
        private int _at;

        /// <summary>The value at <paramref name="row"/>, if any; rows must be asked in increasing order.</summary>
        public bool At(int row, out T value)
        {
            while (_at < _rows.Length && _rows[_at] < row)
            {
                _at++;
            }

            if (_at < _rows.Length && _rows[_at] == row)
            {
                value = _values[_at];
                return true;
            }

            value = default!;
            return false;
        }
    }

    /// <summary>A read-only list computed from an index, so that the view keeps columns and no list per row.</summary>
    private sealed class Mapped<T>(int count, Func<int, T> at) : IReadOnlyList<T>
    {
        public T this[int index] => (uint)index < (uint)count ? at(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return at(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
