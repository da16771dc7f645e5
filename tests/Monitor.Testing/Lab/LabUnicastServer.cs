using System.Net;

namespace Monitor.Testing.Lab;

/// <summary>The lab's unicast DNS server (one NSD, one place), behind one router.</summary>
/// <param name="Id">Node name.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="V4">Its IPv4 address.</param>
/// <param name="V6">Its IPv6 address.</param>
/// <param name="Identity">What NSD answers to <c>id.server</c>.</param>
/// <param name="Nsid">The NSID NSD sends.</param>
public sealed record LabUnicastServer(string Id, string Namespace, IPAddress V4, IPAddress V6, string Identity, string Nsid);
