namespace Monitor.Reporting.View;

/// <summary>One cell of the page-1 grid: a row (vantage point or group) and a target.</summary>
/// <param name="P50Ms">Median RTT of the answered probes, or null when nothing answered.</param>
/// <param name="Sent">Probes sent.</param>
/// <param name="Lost">Probes without an answer.</param>
/// <param name="Site">The serving site as shown: <c>AMS</c>, <c>AMS→LHR</c> after a shift, <c>AMS+2</c> for a group on three sites.</param>
/// <param name="ColourSite">The site whose colour stands for the cell (the last serving site), or null.</param>
/// <param name="Remote">The serving site is on another continent than the row.</param>
/// <param name="Inflated">A nearer site of the same target answered faster on its own address.</param>
/// <param name="Unknown">The serving site is an identity no rule placed.</param>
internal sealed record GridCell(double? P50Ms, int Sent, int Lost, string Site, string? ColourSite, bool Remote, bool Inflated, bool Unknown)
{
    /// <summary>Loss in percent of the probes sent.</summary>
    public double LossPercent => Sent == 0 ? 0 : 100.0 * Lost / Sent;
}
