using Monitor.Rounds;

namespace Monitor.Rounds.Tests;

public sealed class SlotClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1_000, 500)]
    [InlineData(10_000, 5_000)]
    [InlineData(60_000, 5_000)]
    public void Grace_HalfTheIntervalAtMostFiveSeconds(int intervalMs, int graceMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(graceMs), SlotClock.Grace(TimeSpan.FromMilliseconds(intervalMs)));

    [Fact]
    public void Next_NoPrevious_IsTheNextSlotAhead() =>
        Assert.Equal(T0 + Interval, SlotClock.Next(null, T0.AddSeconds(3), Interval));

    [Fact]
    public void Next_SlowRound_StillTakesTheFollowingSlot() =>
        Assert.Equal(T0 + Interval, SlotClock.Next(T0, T0 + Interval + TimeSpan.FromSeconds(9), Interval));

    [Fact]
    public void Next_AfterAStallOfAWholeInterval_SkipsToTheSlotAheadWithoutBackFilling() =>
        Assert.Equal(T0.AddSeconds(40), SlotClock.Next(T0, T0.AddSeconds(35), Interval));

    [Fact]
    public void TryClaim_EachSlotOnce_OldClaimsForgotten()
    {
        var claims = new SlotClaims();

        Assert.True(claims.TryClaim(T0, Interval));
        Assert.False(claims.TryClaim(T0, Interval));
        Assert.True(claims.TryClaim(T0 + Interval, Interval));
        Assert.True(claims.TryClaim(T0 + (11 * Interval), Interval)); // T0 is now more than ten intervals back
        Assert.True(claims.TryClaim(T0, Interval));
    }
}
