using System.Net;
using System.Text;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Core.Tests.Analysis.Series;

public sealed class ColumnarSeriesTests
{
    [Fact]
    public void FromMeasurements_EveryField_IsKeptRowByRow()
    {
        var t = Some.Instant;
        var identities = new IdentityTable();
        var measurements = new List<Measurement>
        {
            Some.Measurement(started: t, rttMs: 12.345, idServer: "ams1", nsid: null),
            Some.Measurement(started: t.AddSeconds(1), outcome: ProbeOutcome.Timeout),
            Some.Measurement(started: t.AddSeconds(2), rttMs: 7, idServer: "fra1", nsid: null) with { Kind = ProbeKind.Site, SiteId = "fra", Rcode = DnsRcodes.ServFail },
            Some.Measurement(started: t.AddSeconds(3), rttMs: 9, idServer: "ams1", nsid: null) with { SoaSerial = 2026112701, Answers = "192.0.2.1", Address = IPAddress.Loopback, Kind = ProbeKind.Burst },
        };

        var series = ColumnarSeries.FromMeasurements("vp-1", "t-1", measurements, identities);

        Assert.Equal(4, series.Count);
        Assert.Equal(measurements.Select(m => m.Started).ToArray(), Enumerable.Range(0, 4).Select(series.Started).ToArray());
        Assert.Equal([12345, ColumnarSeries.NoRtt, 7000, 9000], series.RttMicros.ToArray());
        Assert.Equal([(byte)ProbeOutcome.Answered, (byte)ProbeOutcome.Timeout, (byte)ProbeOutcome.Answered, (byte)ProbeOutcome.Answered], series.Outcomes.ToArray());
        Assert.Equal([(short)DnsRcodes.NoError, ColumnarSeries.NoRcode, (short)DnsRcodes.ServFail, (short)DnsRcodes.NoError], series.Rcodes.ToArray());
        Assert.Equal([0, IdentityTable.None, 1, 0], series.IdentityIds.ToArray());
        Assert.Equal([(byte)ProbeKind.Regular, (byte)ProbeKind.Regular, (byte)ProbeKind.Site, (byte)ProbeKind.Burst], series.Kinds.ToArray());
        Assert.Equal(measurements[0].Identity, series.Identity(0));
        Assert.Equal(ObservedIdentity.None, series.Identity(1));
        Assert.Equal([2], series.SiteIds.Rows.ToArray());
        Assert.Equal(["fra"], series.SiteIds.Values.ToArray());
        Assert.Equal([3], series.SoaSerials.Rows.ToArray());
        Assert.True(series.SoaSerials.TryGet(3, out var serial));
        Assert.Equal(2026112701, serial);
        Assert.False(series.SoaSerials.TryGet(2, out _));
        Assert.Equal(["192.0.2.1"], series.Answers.Values.ToArray());
        Assert.Equal([IPAddress.Loopback], series.Addresses.Values.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(12.345), series.Rtt(0));
        Assert.Null(series.Rtt(1));
    }

    [Fact]
    public void Add_RowBeforeThePrevious_Throws()
    {
        var series = new ColumnarSeries("vp", "t", new IdentityTable());
        series.Add(1_000, 5, ProbeOutcome.Answered, 0, IdentityTable.None, ProbeKind.Regular);

        Assert.Throws<ArgumentOutOfRangeException>(() => series.Add(999, 5, ProbeOutcome.Answered, 0, IdentityTable.None, ProbeKind.Regular));
    }

    [Fact]
    public void Add_MeasurementOfAnotherSeries_Throws()
    {
        var series = new ColumnarSeries("vp-1", "t-2", new IdentityTable());

        Assert.Throws<ArgumentException>(() => series.Add(Some.Measurement(vantage: "vp-1", target: "t-1")));
    }

    [Theory]
    [InlineData(-2, 0, 0)]
    [InlineData(5, -2, 0)]
    [InlineData(5, 4096, 0)]
    [InlineData(5, 0, -2)]
    public void Add_ValueOutOfRange_Throws(int rtt, int rcode, int identity)
    {
        var series = new ColumnarSeries("vp", "t", new IdentityTable());

        Assert.Throws<ArgumentOutOfRangeException>(() => series.Add(0, rtt, ProbeOutcome.Answered, rcode, identity, ProbeKind.Regular));
    }

    [Fact]
    public void Clear_NextSeries_StartsEmptyWithTheSameTable()
    {
        var identities = new IdentityTable();
        var series = ColumnarSeries.FromMeasurements("vp-1", "t-1", [Some.Measurement(vantage: "vp-1", target: "t-1") with { SoaSerial = 1 }], identities);

        series.Clear("vp-1", "t-2");
        series.Add(Some.Measurement(vantage: "vp-1", target: "t-2"));

        Assert.Equal(("vp-1", "t-2", 1), (series.VantageId, series.TargetId, series.Count));
        Assert.Equal(0, series.SoaSerials.Count);
        Assert.Equal(1, identities.Count);
    }

    [Fact]
    public void Add_ManyRows_GrowsEveryColumn()
    {
        var series = new ColumnarSeries("vp", "t", new IdentityTable(), capacity: 1);
        for (var i = 0; i < 1000; i++)
        {
            var row = series.Add(i, i, ProbeOutcome.Answered, 0, IdentityTable.None, ProbeKind.Regular);
            if (i % 10 == 0)
            {
                series.SoaSerials.Set(row, i);
            }
        }

        Assert.Equal(1000, series.Count);
        Assert.Equal(999, series.RttMicros[999]);
        Assert.Equal(100, series.SoaSerials.Count);
        Assert.Equal(990, series.SoaSerials.Values[^1]);
    }

    [Fact]
    public void SparseColumn_RowNotAfterTheLast_Throws()
    {
        var column = new SparseColumn<string>();
        column.Set(3, "a");

        Assert.Throws<ArgumentOutOfRangeException>(() => column.Set(3, "b"));
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.5, 1)]
    [InlineData(1.5, 2)]
    [InlineData(12345.6, 12346)]
    public void ToMicros_Duration_RoundsHalfAwayFromZero(double micros, int expected) =>
        Assert.Equal(expected, ColumnarSeries.ToMicros(TimeSpan.FromTicks((long)Math.Round(micros * 10))));

    [Fact]
    public void FromMicros_RoundTrip_IsExactToTheMicrosecond()
    {
        var at = Some.Instant.AddTicks(1234560);

        Assert.Equal(at, ColumnarSeries.FromMicros(ColumnarSeries.ToMicros(at)));
    }
}
