namespace Monitor.Testing;

/// <summary>One packet a <see cref="FakeDnsServer"/> sends back.</summary>
/// <param name="Message">The octets.</param>
/// <param name="FromOtherPort">Send from another port than the one queried (a spoof from the same host).</param>
/// <param name="Delay">Wait this long before sending.</param>
public sealed record FakeReply(byte[] Message, bool FromOtherPort = false, TimeSpan Delay = default);
