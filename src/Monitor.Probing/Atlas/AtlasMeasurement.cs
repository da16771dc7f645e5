using Monitor.Core.Domain;

namespace Monitor.Probing.Atlas;

/// <summary>One Atlas result turned into a Monitor measurement, with where it came from.</summary>
/// <param name="Measurement">The measurement: vantage point <c>atlas-&lt;prb_id&gt;</c>, time, outcome, RTT, rcode, identity.</param>
/// <param name="Origin">Atlas's measurement and probe ids and the probe's public address.</param>
/// <param name="Target">The target it counts for.</param>
/// <param name="Question">The question of the response in <c>abuf</c>, when it had one.</param>
/// <param name="Damage">Why the result was stored with less than a full answer, or null when it was read whole.</param>
public sealed record AtlasMeasurement(Measurement Measurement, AtlasOrigin Origin, AtlasTarget Target, DnsQuestion? Question, AtlasDamage? Damage);
