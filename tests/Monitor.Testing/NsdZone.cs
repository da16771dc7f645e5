using System.Globalization;

namespace Monitor.Testing;

/// <summary>A zone an <see cref="NsdServer"/> serves besides its identity.</summary>
/// <param name="Name">The zone's name, e.g. <c>bench.test</c>.</param>
/// <param name="Text">The zone file (RFC 1035 master file format).</param>
public sealed record NsdZone(string Name, string Text)
{
    /// <summary>A minimal zone <paramref name="name"/> (SOA with <paramref name="serial"/>, NS, the name server's A).</summary>
    public static NsdZone WithSerial(string name, long serial) => new(name, string.Create(CultureInfo.InvariantCulture, $"""
        $ORIGIN {name}.
        $TTL 300
        @ IN SOA ns.{name}. hostmaster.{name}. {serial} 3600 600 86400 300
        @ IN NS ns.{name}.
        ns IN A 192.0.2.53

        """));
}
