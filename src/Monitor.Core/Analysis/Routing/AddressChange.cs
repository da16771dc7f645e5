using System.Net;

namespace Monitor.Core.Analysis.Routing;

/// <summary>A host-name target that a vantage point found at another address (its system resolver's answer changed).</summary>
/// <param name="VantageId">The vantage point.</param>
/// <param name="TargetId">The target.</param>
/// <param name="At">The first probe sent to the new address.</param>
/// <param name="From">The address before.</param>
/// <param name="To">The address after.</param>
public sealed record AddressChange(string VantageId, string TargetId, DateTimeOffset At, IPAddress From, IPAddress To);
