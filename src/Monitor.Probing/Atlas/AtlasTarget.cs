using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Probing.Atlas;

/// <summary>
/// The target a result was measured against: one per Atlas measurement id and destination address
/// (<c>atlas-&lt;msm_id&gt;-&lt;dst_addr&gt;</c>), unless the import names one target for all.
/// </summary>
/// <param name="Id">The target id measurements carry.</param>
/// <param name="MeasurementId">The Atlas measurement id it was first seen in.</param>
/// <param name="Address">The destination address (<c>dst_addr</c>, or <c>dst_name</c> when that is an address); null when the result named none.</param>
/// <param name="Transport">UDP or TCP, from <c>proto</c>.</param>
public sealed record AtlasTarget(string Id, long MeasurementId, IPAddress? Address, Transport Transport);
