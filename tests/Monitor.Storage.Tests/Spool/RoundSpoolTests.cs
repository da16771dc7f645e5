using Monitor.Storage.Spool;
using Monitor.Testing;

namespace Monitor.Storage.Tests.Spool;

public sealed class RoundSpoolTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddAsync_ThenRead_RoundTrips()
    {
        var spool = new RoundSpool(_directory.Path);
        var (round, measurements) = Some.Round("vp-1", Some.Instant, Some.Measurement(), Some.Measurement(outcome: Core.Domain.ProbeOutcome.Timeout));

        var file = await spool.AddAsync(round, measurements, Ct);
        var (readRound, readMeasurements) = await RoundSpool.ReadAsync(file, Ct);

        Assert.Equal(round, readRound);
        Assert.Equal(measurements, readMeasurements);
        Assert.Equal([file], spool.Pending());
    }

    [Fact]
    public async Task AddAsync_BurstAndSiteProbes_RoundTripTheirKind()
    {
        var spool = new RoundSpool(_directory.Path);
        var (round, measurements) = Some.Round(
            "vp-1",
            Some.Instant,
            Some.Measurement() with { Kind = Core.Domain.ProbeKind.Burst, Answers = "192.0.2.1" },
            Some.Measurement() with { Kind = Core.Domain.ProbeKind.Site, SiteId = "ams1" });
        round = round with { Kind = Core.Domain.ProbeKind.Burst };

        var (readRound, readMeasurements) = await RoundSpool.ReadAsync(await spool.AddAsync(round, measurements, Ct), Ct);

        Assert.Equal(round, readRound);
        Assert.Equal(measurements, readMeasurements);
    }

    [Fact]
    public async Task ReadAsync_FileFromBeforeProbeKinds_ReadsAsRegular()
    {
        // A version-1 spool file written before kinds, site ids and answers existed.
        var id = Guid.CreateVersion7(Some.Instant);
        var file = Path.Combine(_directory.Path, "old.round.json");
        await File.WriteAllTextAsync(
            file,
            $$"""
            {"Version":1,"Round":{"Id":"{{id}}","VantageId":"vp-1","ScheduledUs":1,"StartedUs":2,"FinishedUs":3,"Probes":1,"Answered":0},
             "Measurements":[{"Id":"{{id}}","RoundId":"{{id}}","VantageId":"vp-1","TargetId":"t","StartedUs":2,"Outcome":1,"RttUs":null,"Rcode":null,
              "ResponseSize":null,"Truncated":false,"IdServer":null,"HostnameBind":null,"Nsid":null,"IdentityRttUs":null,"Discarded":0,"Error":null}]}
            """,
            Ct);

        var (round, measurements) = await RoundSpool.ReadAsync(file, Ct);

        Assert.Equal(Core.Domain.ProbeKind.Regular, round.Kind);
        Assert.Equal((Core.Domain.ProbeKind.Regular, (string?)null, (string?)null), (measurements[0].Kind, measurements[0].SiteId, measurements[0].Answers));
    }

    [Fact]
    public async Task Pending_IsOldestFirst()
    {
        var spool = new RoundSpool(_directory.Path);
        var late = Some.Round("vp-1", Some.Instant.AddMinutes(1), Some.Measurement());
        var early = Some.Round("vp-1", Some.Instant, Some.Measurement());

        var lateFile = await spool.AddAsync(late.Round, late.Measurements, Ct);
        var earlyFile = await spool.AddAsync(early.Round, early.Measurements, Ct);

        Assert.Equal([earlyFile, lateFile], spool.Pending());
    }

    [Fact]
    public async Task AddAsync_OverBound_ThrowsAndKeepsWhatItHas()
    {
        var spool = new RoundSpool(_directory.Path, maxBytes: 2048);
        var measurements = Enumerable.Range(0, 3).Select(_ => Some.Measurement()).ToArray();
        var first = Some.Round("vp-1", Some.Instant, measurements);
        await spool.AddAsync(first.Round, first.Measurements, Ct);
        var second = Some.Round("vp-1", Some.Instant.AddSeconds(30), measurements);

        await Assert.ThrowsAsync<SpoolFullException>(() => spool.AddAsync(second.Round, second.Measurements, Ct));
        Assert.Single(spool.Pending());
    }

    [Fact]
    public async Task Constructor_WholeTemporaryFile_IsRecovered_BrokenOneSetAside()
    {
        var spool = new RoundSpool(_directory.Path);
        var (round, measurements) = Some.Round("vp-1", Some.Instant, Some.Measurement());
        var file = await spool.AddAsync(round, measurements, Ct);
        File.Move(file, file.Replace(".round.json", ".round.tmp", StringComparison.Ordinal));
        await File.WriteAllTextAsync(_directory.File("00000000000000001-x.round.tmp"), "{\"Version\":1,\"Rou", Ct);

        var reopened = new RoundSpool(_directory.Path);

        Assert.Equal([file], reopened.Pending());
        Assert.True(File.Exists(_directory.File("00000000000000001-x.round.tmp.bad")));
    }

    public void Dispose() => _directory.Dispose();
}
