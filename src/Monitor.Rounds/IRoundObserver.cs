namespace Monitor.Rounds;

/// <summary>Hears what scheduled rounds do. Implementations must not throw.</summary>
public interface IRoundObserver
{
    /// <summary>False once no more rounds should start (the run is ending).</summary>
    bool Accepting { get; }

    /// <summary>
    /// Claims the round of <paramref name="scheduled"/> for the caller to run: false when someone else
    /// has it, the run is ending, or the rounds asked for have all started.
    /// </summary>
    bool TryClaim(DateTimeOffset scheduled);

    /// <summary>A round ran and was stored or spooled.</summary>
    void Completed(RoundReport report);

    /// <summary>A claimed round was not run because it started a whole interval late.</summary>
    void Skipped(DateTimeOffset scheduled, DateTimeOffset now);

    /// <summary>A claimed round failed before it was kept (it is not counted; the next slot runs anyway).</summary>
    void Failed(DateTimeOffset scheduled, Exception exception);
}
