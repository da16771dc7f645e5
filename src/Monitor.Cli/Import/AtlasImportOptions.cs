using Monitor.Core.Domain;
using Monitor.Probing.Atlas;

namespace Monitor.Cli.Import;

/// <summary>The options of <c>monitor import atlas</c> that shape what is stored.</summary>
/// <param name="Probes">The probe archive by probe id, or null without <c>--probes</c>.</param>
/// <param name="TargetId">One target for every result (<c>--target</c>), or null.</param>
/// <param name="Provider">The provider the targets are filed under (<c>--provider</c>), or null for <c>RIPE Atlas MSM</c>.</param>
/// <param name="Kind">Anycast or unicast (<c>--kind</c>), or null: anycast for a new target, unchanged for a stored one.</param>
internal sealed record AtlasImportOptions(IReadOnlyDictionary<long, AtlasProbe>? Probes, string? TargetId, string? Provider, TargetKind? Kind);
