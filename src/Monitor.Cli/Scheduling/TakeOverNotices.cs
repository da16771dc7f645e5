using System.Globalization;

using Monitor.Core.Text;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// When the local clock's rounds are worth a warning. The local clock runs any slot Hangfire has not
/// started within the grace period; that is routine while Hangfire starts up (its first recurring-job
/// poll and queue fetch take a second or two, longer than the grace at a 1 s interval) and after a
/// single slow poll, and a warning then would only teach users to ignore it. So it speaks when it
/// really takes over: when it runs a slot and Hangfire has started no round for longer than
/// <see cref="Patience"/> (the interval, at least <see cref="Quiet"/>), counting from the start of
/// the run. Once it has warned, the next round Hangfire starts is announced too. Not thread-safe:
/// the caller locks.
/// </summary>
public sealed class TakeOverNotices
{
    /// <summary>The shortest time without a Hangfire round that is warned about.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    private DateTimeOffset _lastScheduler;
    private bool _announced;

    /// <summary>Starts counting at <paramref name="started"/>, the start of the run.</summary>
    public TakeOverNotices(TimeSpan interval, DateTimeOffset started)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Patience = interval > Quiet ? interval : Quiet;
        _lastScheduler = started;
    }

    /// <summary>How long Hangfire may start no round before the local clock says it has taken over.</summary>
    public TimeSpan Patience { get; }

    /// <summary>
    /// The local clock runs every slot from the start because the job storage cannot be used; the
    /// caller has said so already, so the local clock's rounds need no further notice.
    /// </summary>
    public void StorageUnusable() => _announced = true;

    /// <summary>A slot was claimed to be run; the notice to print about it, or null.</summary>
    /// <param name="scheduled">The slot.</param>
    /// <param name="byLocalClock">True when the local clock runs it, false when Hangfire does.</param>
    public string? Claimed(DateTimeOffset scheduled, bool byLocalClock)
    {
        if (!byLocalClock)
        {
            if (scheduled > _lastScheduler)
            {
                _lastScheduler = scheduled;
            }

            if (!_announced)
            {
                return null;
            }

            _announced = false;
            return $"the job storage starts rounds again (from {OutputWords.Utc(scheduled)})";
        }

        var silent = scheduled - _lastScheduler;
        if (_announced || silent <= Patience)
        {
            return null;
        }

        _announced = true;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"warning: the job storage has started no round for {silent.TotalSeconds:0}s (up to the round of {OutputWords.Utc(scheduled)}); rounds run on the local clock until it does");
    }
}
