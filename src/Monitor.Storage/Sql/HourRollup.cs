using Monitor.Core.Analysis.Latency;

namespace Monitor.Storage.Sql;

/// <summary>
/// The counts of one <c>series_hours</c> row being built or merged: probes, answered, rows per identity
/// set and the RTT histogram, with the column encodings of migration 0007 (sparse varints).
/// </summary>
internal sealed class HourRollup
{
    private const string What = "series_hours";

    public long Probes { get; private set; }

    public long Answered { get; private set; }

    public Dictionary<SiteKey, long> Sites { get; } = [];

    public RttHistogram Rtt { get; } = new();

    /// <summary>Counts one row.</summary>
    /// <param name="answered">Its outcome is answered.</param>
    /// <param name="rttUs">Its RTT, µs, if any (counted when answered).</param>
    /// <param name="site">Its identity set.</param>
    public void Add(bool answered, long? rttUs, SiteKey site)
    {
        Probes++;
        if (answered)
        {
            Answered++;
            if (rttUs is { } rtt)
            {
                Rtt.AddMicroseconds(rtt);
            }
        }

        Sites[site] = Sites.GetValueOrDefault(site) + 1;
    }

    /// <summary>Adds the counts of <paramref name="other"/> (a batch's delta) to these.</summary>
    public void Add(HourRollup other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Probes += other.Probes;
        Answered += other.Answered;
        foreach (var (key, count) in other.Sites)
        {
            Sites[key] = Sites.GetValueOrDefault(key) + count;
        }

        Rtt.Merge(other.Rtt);
    }

    /// <summary>Adds a stored row's counts.</summary>
    public void Merge(long probes, long answered, byte[]? sites, byte[]? rtt)
    {
        Probes += probes;
        Answered += answered;
        ReadOnlySpan<byte> s = sites;
        while (!s.IsEmpty)
        {
            var key = new SiteKey((int)Varint.Read(ref s, What) - 1, (int)Varint.Read(ref s, What) - 1, (int)Varint.Read(ref s, What) - 1, (int)Varint.Read(ref s, What) - 1);
            Sites[key] = Sites.GetValueOrDefault(key) + (long)Varint.Read(ref s, What);
        }

        ReadOnlySpan<byte> r = rtt;
        var bucket = 0L;
        while (!r.IsEmpty)
        {
            bucket += (long)Varint.Read(ref r, What);
            Rtt.AddToBucket(checked((int)bucket), (long)Varint.Read(ref r, What));
        }
    }

    public byte[] EncodeSites()
    {
        var buffer = new List<byte>(Sites.Count * 6);
        foreach (var (key, count) in Sites.OrderBy(s => s.Key))
        {
            Varint.Write(buffer, (ulong)(key.IdServer + 1));
            Varint.Write(buffer, (ulong)(key.HostnameBind + 1));
            Varint.Write(buffer, (ulong)(key.Nsid + 1));
            Varint.Write(buffer, (ulong)(key.Site + 1));
            Varint.Write(buffer, (ulong)count);
        }

        return [.. buffer];
    }

    public byte[] EncodeRtt()
    {
        var buffer = new List<byte>(256);
        var previous = 0;
        foreach (var (bucket, count) in Rtt.Buckets)
        {
            Varint.Write(buffer, (ulong)(bucket - previous));
            Varint.Write(buffer, (ulong)count);
            previous = bucket;
        }

        return [.. buffer];
    }
}
