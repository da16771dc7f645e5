using Monitor.Core.Text;
using Monitor.Rounds;

namespace Monitor.Rounds.Tests;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("1s", "* * * * * *")]
    [InlineData("5s", "*/5 * * * * *")]
    [InlineData("30s", "*/30 * * * * *")]
    [InlineData("1m", "0 * * * * *")]
    [InlineData("15m", "0 */15 * * * *")]
    [InlineData("1h", "0 0 * * * *")]
    [InlineData("6h", "0 0 */6 * * *")]
    [InlineData("1d", "0 0 0 * * *")]
    public void For_ClockAlignedInterval_GivesSixFieldCron(string interval, string cron) =>
        Assert.Equal(cron, CronSchedule.For(DurationText.Parse(interval)));

    [Theory]
    [InlineData("7s")]
    [InlineData("45s")]
    [InlineData("90s")]
    [InlineData("7m")]
    [InlineData("5h")]
    [InlineData("2d")]
    [InlineData("500ms")]
    public void For_UnalignedInterval_Throws(string interval) =>
        Assert.Throws<ArgumentException>(() => CronSchedule.For(DurationText.Parse(interval)));

    [Theory]
    [InlineData("2026-11-27T12:00:29.999Z", "30s", "2026-11-27T12:00:00Z")]
    [InlineData("2026-11-27T12:00:30.000Z", "30s", "2026-11-27T12:00:30Z")]
    [InlineData("2026-11-27T12:07:10Z", "5m", "2026-11-27T12:05:00Z")]
    [InlineData("2026-11-27T23:59:59Z", "6h", "2026-11-27T18:00:00Z")]
    public void Floor_GivesOccurrenceAtOrBefore(string instant, string interval, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronSchedule.Floor(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), DurationText.Parse(interval)));
}
