namespace Monitor.Testing;

/// <summary>A zone an <see cref="NsdServer"/> serves besides its identity.</summary>
/// <param name="Name">The zone's name, e.g. <c>bench.test</c>.</param>
/// <param name="Text">The zone file (RFC 1035 master file format).</param>
public sealed record NsdZone(string Name, string Text);
