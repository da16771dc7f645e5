using System.Diagnostics;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Probing.Atlas;
using Monitor.Storage;

namespace Monitor.Cli.Import;

/// <summary>
/// Imports RIPE Atlas result files into a store: reads each file with <see cref="AtlasResultReader"/>,
/// writes batches of <see cref="BatchSize"/> measurements with their origins and the vantage points
/// first seen in them (one transaction each, <see cref="IImportLog.WriteImportAsync"/>), and registers
/// the targets met. Memory holds one batch and the probe table, never a file.
/// </summary>
internal sealed class AtlasImport(IMeasurementStore store, AtlasImportOptions options, TimeProvider time)
{
    /// <summary>Measurements per transaction.</summary>
    public const int BatchSize = 10_000;

    private readonly AtlasResultReader _reader = new(new AtlasReadOptions { TargetId = options.TargetId });
    private readonly HashSet<string> _vantagesWritten = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private Dictionary<string, Target>? _known;

    /// <summary>Called about once a second with (results read, measurements stored, seconds) while importing.</summary>
    public Action<long, long, double>? Progress { get; init; }

    /// <summary>
    /// The vantage points of this import that have no position in the store (this import's probe
    /// archive or an earlier one's), sorted.
    /// </summary>
    public async Task<IReadOnlyList<string>> WithoutLocationAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadVantagePointsAsync(cancellationToken).ConfigureAwait(false);
        var located = stored.Where(v => v.Latitude is not null && v.Longitude is not null).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        return [.. _vantagesWritten.Where(id => !located.Contains(id)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Vantage points this import wrote.</summary>
    public int Vantages => _vantagesWritten.Count;

    /// <summary>Targets this import registered.</summary>
    public int Targets => _targets.Count;

    /// <summary>Imports one file; returns the measurements that were new to the store.</summary>
    /// <exception cref="AtlasFormatException">The file is not Atlas DNS data; nothing of it was stored.</exception>
    public async Task<long> ImportAsync(Stream stream, AtlasFileStats stats, CancellationToken cancellationToken)
    {
        var batch = new List<AtlasMeasurement>(BatchSize);
        var stored = 0L;
        var watch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        await foreach (var m in _reader.ReadAsync(stream, stats, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(m);
            if (batch.Count == BatchSize)
            {
                stored += await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            if (Progress is not null && watch.Elapsed - lastProgress >= TimeSpan.FromSeconds(1))
            {
                lastProgress = watch.Elapsed;
                Progress(stats.Results, stored, watch.Elapsed.TotalSeconds);
            }
        }

        if (batch.Count > 0)
        {
            stored += await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        // A target stored before keeps its provider and kind unless this import names them.
        _known ??= (await store.ReadTargetsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var upsert = _targets.Values.Where(t => !_known.ContainsKey(t.Id) || options.Provider is not null || options.Kind is not null).ToList();
        await store.UpsertTargetsAsync(upsert, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var t in upsert)
        {
            _known[t.Id] = t;
        }

        return stored;
    }

    private async Task<int> WriteAsync(List<AtlasMeasurement> batch, CancellationToken cancellationToken)
    {
        var vantages = new Dictionary<string, VantagePoint>(StringComparer.Ordinal);
        foreach (var m in batch)
        {
            var id = m.Measurement.VantageId;
            if (!_vantagesWritten.Contains(id) && !vantages.ContainsKey(id))
            {
                vantages[id] = Vantage(id, m.Origin.ProbeId);
            }

            if (!_targets.ContainsKey(m.Target.Id))
            {
                _targets[m.Target.Id] = TargetOf(m);
            }
        }

        var inserted = await store.WriteImportAsync(
            vantages.Values,
            [.. batch.Select(m => m.Measurement)],
            [.. batch.Select(m => new MeasurementOrigin(m.Measurement.Id, m.Origin.MeasurementId, m.Origin.ProbeId, m.Origin.ProbeAddress))],
            time.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        _vantagesWritten.UnionWith(vantages.Keys);
        return inserted;
    }

    private VantagePoint Vantage(string id, long probeId)
    {
        if (options.Probes?.GetValueOrDefault(probeId) is not { } probe)
        {
            return new VantagePoint(id);
        }

        return new VantagePoint(id)
        {
            Country = probe.CountryCode,
            Latitude = probe.Latitude,
            Longitude = probe.Longitude,
            Asn = probe.AsnV4 ?? probe.AsnV6,
            AsnV6 = probe.AsnV6,
            IsAnchor = probe.IsAnchor,
        };
    }

    private Target TargetOf(AtlasMeasurement m)
    {
        var question = m.Question ?? DnsQuestion.IdServer;
        var identity = IdentityMethods.Nsid |
            (question.Equals(DnsQuestion.HostnameBind) ? IdentityMethods.HostnameBind : question.Equals(DnsQuestion.IdServer) ? IdentityMethods.IdServer : IdentityMethods.None);
        return new Target(m.Target.Id, m.Target.Address ?? IPAddress.Any)
        {
            Provider = options.Provider ?? $"RIPE Atlas {m.Target.MeasurementId}",
            Kind = options.Kind ?? TargetKind.Anycast,
            Transport = m.Target.Transport,
            Query = question,
            Identity = identity,
        };
    }
}
