namespace Monitor.Probing.Atlas;

/// <summary>Where in RIPE Atlas a measurement comes from, so it can be traced back there.</summary>
/// <param name="MeasurementId">Atlas's measurement id (<c>msm_id</c>).</param>
/// <param name="ProbeId">Atlas's probe id (<c>prb_id</c>).</param>
/// <param name="ProbeAddress">The probe's public address (<c>from</c>), when Atlas gave a valid one.</param>
/// <param name="ResultsetIndex">The position in a <c>resultset</c>, from 0; null for the <c>result</c> form.</param>
public sealed record AtlasOrigin(long MeasurementId, long ProbeId, string? ProbeAddress, int? ResultsetIndex);
