using System.Globalization;

using Monitor.Storage;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// Seals the closed UTC days of a long run (<see cref="SqlMeasurementStore.SealAsync"/>) once a day, in the
/// background after the first round of each new day, and once at the end of the run (after its rounds are
/// stored, before its report), so that analyze and report read them packed. A failure
/// (the database away) is logged and tried again after the next round; measurements never wait for it.
/// </summary>
internal sealed class ClosedDaySealer(IMeasurementStore store, TimeProvider time, Action<string> log)
{
    // The day the run starts in: its first seal comes when a day closes during the run (or at its end), so the
    // first rounds of a run never share the database with a seal.
    private DateTime _day = time.GetUtcNow().UtcDateTime.Date;
    private Task _running = Task.CompletedTask;

    /// <summary>After a round: starts a seal when the UTC day changed since the last one and none runs.</summary>
    public void AfterRound()
    {
        var day = time.GetUtcNow().UtcDateTime.Date;
        if (store is not SqlMeasurementStore || day == _day || !_running.IsCompleted)
        {
            return;
        }

        _day = day;
        _running = Task.Run(SealAsync);
    }

    /// <summary>Waits for a seal under way, then seals what closed since (before the run's report).</summary>
    public async Task FinishAsync()
    {
        await _running.ConfigureAwait(false);
        _running = Task.CompletedTask;
        _day = DateTime.MinValue;
        AfterRound();
        await _running.ConfigureAwait(false);
    }

    /// <summary>The line a seal that packed something is reported by (here and after an import).</summary>
    public static string Describe(SealResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture, $"sealed {result.Sealed} closed series-day(s) before {Core.Text.OutputWords.Utc(result.Before)} ({result.Rows} rows) for analyze and report");
    }

    private async Task SealAsync()
    {
        try
        {
            var result = await ((SqlMeasurementStore)store).SealAsync(time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            if (result.Sealed > 0)
            {
                log(Describe(result));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _day = DateTime.MinValue; // tried again after the next round
            log($"warning: could not seal closed days: {ex.Message}");
        }
    }
}
