using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

using Monitor.Testing.Lab;

namespace Monitor.Lab.Tests;

/// <summary>
/// Monitor against a real anycast network (<see cref="LabScenario"/>): what <c>monitor analyze --json</c>
/// reports is checked against the routing truth the lab recorded while Monitor probed, with the issue's
/// tolerance of two probe intervals for times.
/// </summary>
[Trait("Category", "Lab")]
public sealed partial class LabScenarioTests : IClassFixture<LabScenario>
{
    private static readonly TimeSpan Tolerance = 2 * LabScenario.Interval;

    // The truth is polled every 100 ms and a probe may land between the FIB change and the poll.
    private static readonly TimeSpan PollSlack = TimeSpan.FromMilliseconds(500);

    private static readonly AddressFamily[] Families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    private readonly LabScenario _run;

    public LabScenarioTests(LabScenario run) => _run = run;

    [Fact]
    public void Catchment_InTheFirstStablePeriod_EqualsTheRoutingTruth()
    {
        var first = _run.Events[0].At;
        foreach (var family in Families)
        {
            foreach (var vantage in _run.Vantages)
            {
                var truth = SiteAt(vantage.Id, family, first - TimeSpan.FromSeconds(1));
                Assert.NotNull(truth);

                // The truth held over the whole stable period ...
                Assert.DoesNotContain(_run.Routes, r => r.VantageId == vantage.Id && r.Family == family && r.At > _run.StableFrom && r.At < first);

                // ... no change was seen before the first event (a shift's "at" is the midpoint between the
                // last old and the first new answer, so it may precede the event; its first new answer may not) ...
                var early = Elements(_run.Analysis, "shifts").Where(s => Str(s, "vantage") == vantage.Id && Str(s, "target") == LabScenario.Target(family)
                    && Time(s, Str(s, "kind") == "shift" ? "first_new" : "at") < first).ToList();
                Assert.Empty(early);

                // ... and the analysis of that period names it as the one site that answered.
                var seen = Elements(_run.Stable, "catchment").Where(c => Str(c, "target") == LabScenario.Target(family) && Str(c, "vantage") == vantage.Id).ToList();
                var only = Assert.Single(seen);
                Assert.Equal(Code(truth), Str(only, "site"));
                Assert.True(only.GetProperty("answers").GetInt32() >= 3, only.ToString());
            }
        }
    }

    [Fact]
    public void Catchment_OverTheWholeRun_DominantSiteIsWhereTheTruthSpentMostTime()
    {
        foreach (var family in Families)
        {
            foreach (var vantage in _run.Vantages)
            {
                var row = Elements(_run.Analysis, "catchment").Single(c => Str(c, "target") == LabScenario.Target(family) && Str(c, "vantage") == vantage.Id && c.GetProperty("dominant").GetBoolean());
                Assert.Equal(Code(LongestHeld(vantage.Id, family)), Str(row, "site"));
            }
        }
    }

    [Fact]
    public void Shifts_EveryRoutingChangeIsFound_WithItsSitesAndTime_AndNoOthers()
    {
        var checkedShifts = 0;
        foreach (var family in Families)
        {
            foreach (var vantage in _run.Vantages)
            {
                var expected = ExpectedShifts(vantage.Id, family);
                var found = Changes(LabScenario.Target(family), vantage.Id, "shift");
                var context = $"{vantage.Id} {family}: expected {string.Join("; ", expected.Select(e => $"{e.From}->{e.To} at {e.At:HH:mm:ss.fff}"))}; found {string.Join("; ", found.Select(f => $"{Str(f, "from")}->{Str(f, "to")} at {Str(f, "at")}"))}\n{_run.Log}";
                Assert.True(expected.Count == found.Count, context);
                foreach (var (e, f) in expected.Zip(found))
                {
                    Assert.True(Code(e.From) == Str(f, "from") && Code(e.To) == Str(f, "to"), context);

                    // The first answer from the new site comes after the routing changed, within two intervals.
                    var firstNew = Time(f, "first_new");
                    Assert.True(firstNew >= e.At - PollSlack && firstNew <= e.End + Tolerance, $"first_new {firstNew:HH:mm:ss.fff}; {context}");

                    // The shift's time is within two intervals of the routing change, except after a black
                    // hole, where Monitor places it in the middle of the outage (no answers to tell when).
                    var cause = Cause(e.At);
                    var blackhole = cause is { Kind: "withdraw" } && _run.Events.Any(x => x.Kind == "dns-drop" && x.Subject == cause.Subject && x.At < cause.At);
                    if (!blackhole)
                    {
                        Assert.True((Time(f, "at") - e.At).Duration() <= Tolerance, $"at {Str(f, "at")}; {context}");
                    }

                    checkedShifts++;
                }
            }
        }

        Assert.True(checkedShifts >= 6, $"only {checkedShifts} shifts in the scenario\n{_run.Log}");
    }

    [Fact]
    public void StablePeriods_NoFalseChanges()
    {
        // No change of any kind on the unicast server, and none on the anycast targets away from an event.
        Assert.DoesNotContain(Elements(_run.Analysis, "shifts"), s => Str(s, "target") == "unicast-v4");
        foreach (var change in Elements(_run.Analysis, "shifts").Where(s => Str(s, "target") != "unicast-v4"))
        {
            var at = Time(change, "at");
            var near = _run.Events.Any(e => at >= e.At - Tolerance && at <= e.At + TimeSpan.FromSeconds(12) + Tolerance);
            Assert.True(near, $"a {Str(change, "kind")} of {Str(change, "vantage")} at {Str(change, "at")} away from every event\n{_run.Log}");
            Assert.NotEqual("flapping", Str(change, "kind"));
        }
    }

    [Fact]
    public void Blackhole_DroppingSite_ShowsAsOutageThenShift()
    {
        var drop = _run.Events.Single(e => e.Kind == "dns-drop");
        var withdraw = _run.Events.First(e => e.Kind == "withdraw" && e.At > drop.At);
        var hit = 0;
        foreach (var family in Families)
        {
            foreach (var vantage in _run.Vantages.Where(v => SiteAt(v.Id, family, drop.At) == drop.Subject))
            {
                var target = LabScenario.Target(family);
                var outage = Assert.Single(Changes(target, vantage.Id, "outage"), o => Time(o, "at") >= drop.At && Time(o, "at") <= withdraw.At + Tolerance);
                Assert.Equal(Code(drop.Subject), Str(outage, "from"));
                var after = SiteAt(vantage.Id, family, withdraw.At + TimeSpan.FromSeconds(8));
                Assert.Equal(Code(after), Str(outage, "to"));
                Assert.True(outage.GetProperty("samples").GetInt32() >= 3, outage.ToString());

                var shift = Assert.Single(Changes(target, vantage.Id, "shift"), s => Time(s, "first_new") > withdraw.At - PollSlack && Time(s, "first_new") <= withdraw.At + Tolerance + TimeSpan.FromSeconds(1));
                Assert.Equal(Code(drop.Subject), Str(shift, "from"));
                Assert.Equal(Code(after), Str(shift, "to"));
                Assert.True(Time(outage, "at") <= Time(shift, "first_new"));
                hit++;
            }
        }

        Assert.True(hit >= 2, $"the black hole hit {hit} vantage point/family series\n{_run.Log}");
    }

    [Fact]
    public void LatencyChange_IsAttributedToTheVantagePointWhoseLinkChanged()
    {
        var added = 2 * LabScenario.AddedDelay.TotalMilliseconds;
        foreach (var target in (string[])["anycast-v4", "anycast-v6", "unicast-v4"])
        {
            var change = _run.Vantages.ToDictionary(v => v.Id, v => P50(_run.DuringDelay, target, v.Id) - P50(_run.BeforeDelay, target, v.Id));
            var text = string.Join(", ", change.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:+0.0;-0.0} ms")));
            Assert.True(change[_run.DelayedVantage] >= 0.75 * added, $"{target}: {text}");
            Assert.All(change.Where(c => c.Key != _run.DelayedVantage), c => Assert.True(Math.Abs(c.Value) < 0.5 * added, $"{target}: {text}"));
        }
    }

    [Fact]
    public void Events_TheMultiVantageWithdrawal_IsOneEvent()
    {
        var withdraw = _run.Events.First(e => e.Kind == "withdraw");
        foreach (var family in Families)
        {
            // Vantage points that moved away from the withdrawn site, per the truth, grouped by destination.
            var moves = _run.Vantages
                .Where(v => SiteAt(v.Id, family, withdraw.At) == withdraw.Subject)
                .GroupBy(v => SiteAt(v.Id, family, withdraw.At + TimeSpan.FromSeconds(8)))
                .Where(g => g.Count() >= 2)
                .ToList();
            foreach (var group in moves)
            {
                var events = Elements(_run.Analysis, "events").Where(e => Str(e, "target") == LabScenario.Target(family) && Str(e, "from") == Code(withdraw.Subject) && Str(e, "to") == Code(group.Key)).ToList();
                Assert.True(events.Count >= 1, $"no event {withdraw.Subject} -> {group.Key} for {family}: {_run.Analysis.GetProperty("events")}");
                var named = events.SelectMany(e => e.GetProperty("vantages").EnumerateArray().Select(v => v.GetString())).ToHashSet();
                Assert.All(group, v => Assert.Contains(v.Id, named));
            }
        }
    }

    private static IEnumerable<JsonElement> Elements(JsonElement root, string name) => root.GetProperty(name).EnumerateArray();

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).ToString();

    private static DateTimeOffset Time(JsonElement e, string name) => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The median RTT of a vantage point to a target, from the site that answered it most in the window.</summary>
    private static double P50(JsonElement analysis, string target, string vantage) =>
        Elements(analysis, "latency").Where(l => Str(l, "target") == target && Str(l, "vantage") == vantage)
            .OrderByDescending(l => l.GetProperty("answered").GetInt32()).Select(l => l.GetProperty("p50_ms").GetDouble()).First();

    private List<JsonElement> Changes(string target, string vantage, string kind) =>
        [.. Elements(_run.Analysis, "shifts").Where(s => Str(s, "target") == target && Str(s, "vantage") == vantage && Str(s, "kind") == kind).OrderBy(s => Time(s, "at"))];

    /// <summary>The site code analysis gives a lab site, from the identities it saw (the NSID is in it).</summary>
    private string? Code(string? siteId)
    {
        if (siteId is null)
        {
            return null;
        }

        var site = _run.Sites.Single(s => s.Id == siteId);
        return Elements(_run.Analysis, "catchment")
            .Where(c => Str(c, "identity") is { } i && (i.Contains(site.Nsid, StringComparison.Ordinal) || i.Contains(site.Identity, StringComparison.Ordinal)))
            .Select(c => Str(c, "site"))
            .Distinct()
            .Single();
    }

    private string? SiteAt(string vantage, AddressFamily family, DateTimeOffset at) =>
        _run.Routes.Where(r => r.VantageId == vantage && r.Family == family && r.At <= at).Select(r => r.SiteId).LastOrDefault();

    private string? LongestHeld(string vantage, AddressFamily family)
    {
        var mine = _run.Routes.Where(r => r.VantageId == vantage && r.Family == family).ToList();
        var end = _run.Routes.Max(r => r.At);
        var held = new Dictionary<string, TimeSpan>();
        for (var i = 0; i < mine.Count; i++)
        {
            var until = i + 1 < mine.Count ? mine[i + 1].At : end;
            if (mine[i].SiteId is { } site)
            {
                held[site] = held.GetValueOrDefault(site) + (until - mine[i].At);
            }
        }

        return held.MaxBy(h => h.Value).Key;
    }

    private ScenarioEvent? Cause(DateTimeOffset at) => _run.Events.LastOrDefault(e => e.At <= at + PollSlack);

    /// <summary>
    /// The shifts the truth says happened: changes of the vantage point's route after the first, with
    /// changes less than 1.5 s apart (BGP path hunting) taken as one, from the site before to the site after.
    /// </summary>
    private List<(string From, string To, DateTimeOffset At, DateTimeOffset End)> ExpectedShifts(string vantage, AddressFamily family)
    {
        var mine = _run.Routes.Where(r => r.VantageId == vantage && r.Family == family).ToList();
        var result = new List<(string, string, DateTimeOffset, DateTimeOffset)>();
        var i = 1;
        while (i < mine.Count)
        {
            var j = i;
            while (j + 1 < mine.Count && mine[j + 1].At - mine[j].At < TimeSpan.FromSeconds(1.5))
            {
                j++;
            }

            if (mine[i - 1].SiteId is { } from && mine[j].SiteId is { } to && from != to)
            {
                result.Add((from, to, mine[i].At, mine[j].At));
            }

            i = j + 1;
        }

        return result;
    }
}
