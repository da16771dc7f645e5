using System.Globalization;
using System.Text;

namespace Monitor.Testing;

/// <summary>
/// Writes a synthetic RIPE Atlas DNS result file of any size, in Atlas's own field layout: CH TXT
/// <c>id.server</c> to 192.0.2.53 (a documentation address: data, never a destination) from many
/// probes, each on a stable site of 40 real airport codes (5 % of rounds elsewhere), with 3 %
/// timeouts, 1 % socket errors and 4 % SERVFAIL. Streams out as it goes, so a 1M-result file costs no
/// memory; the counts come back from the writer itself, independently of any reader.
/// </summary>
public static class AtlasSyntheticResults
{
    private static readonly string[] Sites =
    [
        "AMS", "FRA", "LHR", "CDG", "MAD", "MXP", "ARN", "WAW", "VIE", "ZRH",
        "JFK", "IAD", "ORD", "DFW", "LAX", "SJC", "SEA", "MIA", "YYZ", "GRU",
        "EZE", "SCL", "BOG", "LIM", "JNB", "CPT", "NBO", "LOS", "CAI", "DXB",
        "BOM", "DEL", "SIN", "HKG", "NRT", "ICN", "SYD", "MEL", "AKL", "TPE",
    ];

    /// <summary>Writes the file to <paramref name="output"/> (left open).</summary>
    public static AtlasSyntheticSummary Write(Stream output, AtlasSyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var answers = Sites.Select((site, i) => Convert.ToBase64String(new DnsMessageBuilder()
            .Id((ushort)(0x1000 + i)).Flags(0x8400).Question("id.server", 3, 16).Txt("id.server", 3, site).Build())).ToArray();
        var servfail = Convert.ToBase64String(new DnsMessageBuilder().Id(0x2222).Flags(0x8182).Question("id.server", 3, 16).Build());
        var random = new Random(options.Seed);
        long answered = 0, withIdentity = 0, timeouts = 0, errors = 0;
        var counting = new CountingStream(output);
        using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            var line = new StringBuilder(512);
            if (!options.JsonLines)
            {
                writer.Write('[');
            }

            for (long i = 0; i < options.Results; i++)
            {
                var probe = 1000 + (int)(i % options.Probes);
                var round = i / options.Probes;
                var timestamp = options.Start + (round * 300) + (probe % 300);
                var home = (int)((uint)(probe * 2654435761u) % Sites.Length);
                var roll = random.Next(100);
                line.Clear();
                if (!options.JsonLines && i > 0)
                {
                    line.Append(',');
                }

                line.Append(CultureInfo.InvariantCulture, $"{{\"fw\":5020,\"mver\":\"2.2.1\",\"lts\":{random.Next(1, 200)},\"dst_addr\":\"192.0.2.53\",\"dst_port\":\"53\",\"af\":4,\"src_addr\":\"10.{probe % 250}.0.2\",\"proto\":\"UDP\",");
                if (roll < 3)
                {
                    timeouts++;
                    line.Append("\"error\":{\"timeout\":5000},");
                }
                else if (roll < 4)
                {
                    errors++;
                    line.Append("\"error\":{\"socket\":\"connect failed Network is unreachable\"},");
                }
                else
                {
                    answered++;
                    var rt = 5 + (home * 3.7) + (random.NextDouble() * 20);
                    string abuf;
                    if (roll < 8)
                    {
                        abuf = servfail;
                    }
                    else
                    {
                        withIdentity++;
                        abuf = answers[random.Next(100) < 5 ? random.Next(Sites.Length) : home];
                    }

                    line.Append(CultureInfo.InvariantCulture, $"\"result\":{{\"rt\":{rt:F3},\"size\":{(abuf.Length / 4) * 3},\"abuf\":\"{abuf}\",\"ID\":4096,\"ANCOUNT\":1,\"QDCOUNT\":1,\"NSCOUNT\":0,\"ARCOUNT\":0}},");
                }

                line.Append(CultureInfo.InvariantCulture, $"\"msm_id\":{options.MeasurementId},\"prb_id\":{probe},\"timestamp\":{timestamp},\"msm_name\":\"Tdig\",\"from\":\"198.51.{probe / 256 % 256}.{probe % 256}\",\"type\":\"dns\",\"group_id\":{options.MeasurementId},\"stored_timestamp\":{timestamp + 2}}}");
                if (options.JsonLines)
                {
                    line.Append('\n');
                }

                writer.Write(line);
            }

            if (!options.JsonLines)
            {
                writer.Write(']');
            }
        }

        return new AtlasSyntheticSummary(options.Results, answered, withIdentity, timeouts, errors, (int)Math.Min(options.Probes, options.Results), counting.Written);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }
    }
}
