using System.Net.Sockets;

namespace Monitor.Testing.Lab;

/// <summary>The routing truth for one vantage point and address family changed (or was first seen).</summary>
/// <param name="At">When the poll saw it (UTC).</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Family">IPv4 (<see cref="AddressFamily.InterNetwork"/>) or IPv6 anycast address.</param>
/// <param name="SiteId">The site its router's best route leads to; null when it has no route.</param>
public sealed record RouteChange(DateTimeOffset At, string VantageId, AddressFamily Family, string? SiteId);
