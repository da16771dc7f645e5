namespace Monitor.Core.Analysis.Zones;

/// <summary>A stretch of time over which one site of a target kept serving one SOA serial.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Site">The site.</param>
/// <param name="Serial">The serial.</param>
/// <param name="From">Its first answer with the serial.</param>
/// <param name="To">Its last answer with the serial before another one (or the window's end).</param>
/// <param name="Answers">How many answers carried it.</param>
public sealed record SoaSerialRun(string TargetId, string Site, uint Serial, DateTimeOffset From, DateTimeOffset To, int Answers);
