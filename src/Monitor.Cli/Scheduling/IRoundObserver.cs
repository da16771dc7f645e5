namespace Monitor.Cli.Scheduling;

/// <summary>Hears what scheduled rounds do. Implementations must not throw.</summary>
public interface IRoundObserver
{
    /// <summary>False once no more rounds should start (the run is ending).</summary>
    bool Accepting { get; }

    /// <summary>A round ran and was stored or spooled.</summary>
    void Completed(RoundReport report);

    /// <summary>A round was not run because it started a whole interval late.</summary>
    void Skipped(DateTimeOffset scheduled, DateTimeOffset now);
}
