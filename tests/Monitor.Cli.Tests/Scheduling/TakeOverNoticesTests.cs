using Monitor.Cli.Scheduling;

namespace Monitor.Cli.Tests.Scheduling;

/// <summary>The local clock speaks only when it really takes over from Hangfire, not while Hangfire starts up.</summary>
public sealed class TakeOverNoticesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, 300, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static DateTimeOffset Slot(int n) => new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) + (n * Second);

    [Theory]
    [InlineData("LLHHHHHHHH")] // Hangfire starts up and takes the third slot: the healthy start
    [InlineData("HHHLHHHHHH")] // one slow poll
    [InlineData("LLLLLLLLLH")] // nine seconds of start-up, within the patience
    [InlineData("HHHHLLLLLLLLLH")] // nine slots missed: not yet a take-over at 1 s
    public void Claimed_StartUpOrShortGap_Silent(string claims) => Assert.Empty(Feed(claims, Second));

    [Fact]
    public void Claimed_HangfireStalls_WarnsOnceThenAnnouncesItsReturn()
    {
        var heard = Feed("HHH" + new string('L', 14) + "HH", Second);

        Assert.Equal(2, heard.Count);
        Assert.Equal(14, heard[0].Slot); // slot 3 was Hangfire's; slot 14 is the first more than 10 s later
        Assert.StartsWith("warning: the job storage has started no round for 11s", heard[0].Notice, StringComparison.Ordinal);
        Assert.Contains("local clock", heard[0].Notice, StringComparison.Ordinal);
        Assert.Equal(18, heard[1].Slot);
        Assert.StartsWith("the job storage starts rounds again", heard[1].Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Claimed_HangfireNeverStarts_WarnsAfterThePatienceFromTheStart()
    {
        var heard = Feed(new string('L', 20), Second);

        // The run started at 09:00:00.3; slot 11 (09:00:11) is the first more than 10 s later.
        Assert.Equal(11, Assert.Single(heard).Slot);
    }

    [Fact]
    public void Claimed_LongInterval_SecondMissedSlotWarns()
    {
        var notices = new TakeOverNotices(TimeSpan.FromMinutes(1), Start);
        var minute = TimeSpan.FromMinutes(1);
        var first = Start.AddSeconds(-0.3) + minute;

        Assert.Null(notices.Claimed(first, byLocalClock: false));
        Assert.Null(notices.Claimed(first + minute, byLocalClock: true));
        Assert.NotNull(notices.Claimed(first + (2 * minute), byLocalClock: true));
        Assert.Equal(minute, notices.Patience);
    }

    [Fact]
    public void StorageUnusable_LocalClockRunsEverything_NoFurtherNotice() =>
        Assert.Empty(Feed(new string('L', 30), Second, unusable: true));

    /// <summary>Feeds claims ('L' local clock, 'H' Hangfire), one slot a second from slot 1; returns the slots that got a notice.</summary>
    private static List<(int Slot, string Notice)> Feed(string claims, TimeSpan interval, bool unusable = false)
    {
        var notices = new TakeOverNotices(interval, Start);
        if (unusable)
        {
            notices.StorageUnusable();
        }

        return [.. claims.Select((c, i) => (Slot: i + 1, Notice: notices.Claimed(Slot(i + 1), byLocalClock: c == 'L'))).Where(x => x.Notice is not null).Select(x => (x.Slot, x.Notice!))];
    }
}
