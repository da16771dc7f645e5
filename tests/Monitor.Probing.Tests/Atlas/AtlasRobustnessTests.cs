using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

public sealed class AtlasRobustnessTests
{
    /// <summary>A stream that hands out at most a few octets per read, as a pipe or a slow disk may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<List<AtlasMeasurement>> ReadTrickledAsync(byte[] input, int chunk)
    {
        var list = new List<AtlasMeasurement>();
        await foreach (var m in new AtlasResultReader().ReadAsync(new TrickleStream(input, chunk), new AtlasFileStats("trickle"), TestContext.Current.CancellationToken))
        {
            list.Add(m);
        }

        return list;
    }

    [Theory]
    [InlineData(AtlasData.Quad9B, 1)]
    [InlineData(AtlasData.Quad9B, 7)]
    [InlineData(AtlasData.Cloudflare, 4093)]
    [InlineData(AtlasData.Google, 1)]
    [InlineData(AtlasData.OpenDns, 333)]
    public async Task ReadAsync_InputInSmallReads_SameMeasurementsAsInOne(string file, int chunk)
    {
        var (whole, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(file));

        var trickled = await ReadTrickledAsync(AtlasData.Raw(file), chunk);

        Assert.Equal(whole.Select(m => m.Measurement), trickled.Select(m => m.Measurement));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task ReadAsync_JsonLinesInSmallReads_SameMeasurements(int chunk)
    {
        var lines = AtlasTestInput.ToJsonLines(AtlasData.Quad9A);
        var (whole, _) = await AtlasTestInput.ReadAllAsync(lines);

        var trickled = await ReadTrickledAsync(lines, chunk);

        Assert.Equal(96, whole.Count);
        Assert.Equal(whole.Select(m => m.Measurement), trickled.Select(m => m.Measurement));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task ReadAsync_ProbeArchiveInSmallReads_SameProbes(int chunk)
    {
        var archive = AtlasTestInput.Gzip(AtlasTestInput.Utf8(
            "{\"meta\": {\"objects\": 3, \"note\": \"[{\\\"id\\\": 9}]\"}, \"objects\": [{\"id\": 1, \"latitude\": 1.5, \"longitude\": 2.5, \"country_code\": \"NL\"}, {\"id\": 2, \"latitude\": null, \"longitude\": null}]}"));
        var probes = new List<AtlasProbe>();

        await foreach (var p in AtlasProbeArchiveReader.ReadAsync(new TrickleStream(archive, chunk), new AtlasFileStats("p"), TestContext.Current.CancellationToken))
        {
            probes.Add(p);
        }

        Assert.Equal([1L, 2], probes.Select(p => p.Id));
        Assert.Equal(1.5, probes[0].Latitude);
    }

    /// <summary>
    /// Random damage to a real file — octets flipped, cut, repeated, removed — never makes the reader
    /// fail in any other way than refusing a file it cannot recognise, and every measurement it hands
    /// out is well-formed.
    /// </summary>
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    public async Task ReadAsync_RandomlyDamagedFiles_NeverAnyOtherException(int seed)
    {
        var sources = new[] { AtlasData.Raw(AtlasData.Quad9A), AtlasData.Raw(AtlasData.Quad9NoAbuf), AtlasTestInput.Gzip(AtlasData.Raw(AtlasData.Quad9B)), AtlasTestInput.ToJsonLines(AtlasData.Quad9Cname) };
        var random = new Random(seed);
        var refused = 0;
        var read = 0;
        for (var round = 0; round < 400; round++)
        {
            var input = Damage(sources[round % sources.Length], random);
            try
            {
                var (measurements, stats) = await AtlasTestInput.ReadAllAsync(input);
                Assert.All(measurements, m => Assert.StartsWith("atlas-", m.Measurement.VantageId, StringComparison.Ordinal));
                Assert.True(stats.Measurements == measurements.Count);
                read++;
            }
            catch (AtlasFormatException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                refused++;
            }
        }

        Assert.True(read > 100, $"only {read} read, {refused} refused");
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task ReadAsync_RandomlyDamagedProbeArchives_NeverAnyOtherException(int seed)
    {
        using var dom = System.Text.Json.JsonDocument.Parse(AtlasData.Json(AtlasData.Probes));
        var sample = AtlasTestInput.Utf8("{\"meta\": {}, \"objects\": [" + string.Join(", ", dom.RootElement.GetProperty("objects").EnumerateArray().Take(60).Select(o => o.GetRawText())) + "]}");
        var sources = new[] { sample, AtlasTestInput.Gzip(sample) };
        var random = new Random(seed);
        var read = 0;
        for (var round = 0; round < 300; round++)
        {
            var input = Damage(sources[round % sources.Length], random);
            try
            {
                var stats = new AtlasFileStats("p");
                await foreach (var p in AtlasProbeArchiveReader.ReadAsync(new MemoryStream(input), stats, TestContext.Current.CancellationToken))
                {
                    Assert.True(p.Id > 0);
                    Assert.True(p.Latitude is null or (>= -90 and <= 90));
                }

                read++;
            }
            catch (AtlasFormatException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
            }
        }

        Assert.True(read > 50, $"only {read} read");
    }

    private static byte[] Damage(byte[] source, Random random)
    {
        var bytes = source.ToList();
        for (var i = random.Next(1, 6); i > 0 && bytes.Count > 2; i--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 200)).ToList());
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
