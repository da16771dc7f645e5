namespace Monitor.Storage;

/// <summary>Where an imported measurement comes from in RIPE Atlas (table <c>atlas_origins</c>).</summary>
/// <param name="MeasurementId">The measurement's id.</param>
/// <param name="AtlasMeasurementId">Atlas's <c>msm_id</c>.</param>
/// <param name="AtlasProbeId">Atlas's <c>prb_id</c>.</param>
/// <param name="ProbeAddress">The probe's public address (<c>from</c>), or null.</param>
public sealed record MeasurementOrigin(Guid MeasurementId, long AtlasMeasurementId, long AtlasProbeId, string? ProbeAddress);
