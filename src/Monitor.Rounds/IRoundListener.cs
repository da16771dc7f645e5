namespace Monitor.Rounds;

/// <summary>
/// Hears every round a <see cref="RoundRunner"/> has recorded, and every burst probe: the seam for
/// metrics and alerts. Called on the round's own task once the round is kept, so an implementation
/// must return at once (hand slow work such as HTTP to a queue of its own) and should not throw;
/// <see cref="RoundRunner"/> catches and drops what it throws, so probing goes on either way.
/// </summary>
public interface IRoundListener
{
    /// <summary>A round or burst probe was handed to the recorder.</summary>
    /// <param name="round">What was probed and what became of it.</param>
    void Kept(KeptRound round);
}
