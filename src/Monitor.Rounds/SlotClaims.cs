namespace Monitor.Rounds;

/// <summary>
/// The slots whose round someone has taken, so that each runs at most once whoever asks for it (the
/// scheduler or the local clock). Keeps the last ten intervals. Not thread-safe: callers lock.
/// </summary>
public sealed class SlotClaims
{
    private readonly HashSet<DateTimeOffset> _claimed = [];

    /// <summary>Takes <paramref name="scheduled"/>; false when it was taken already.</summary>
    public bool TryClaim(DateTimeOffset scheduled, TimeSpan interval)
    {
        if (!_claimed.Add(scheduled))
        {
            return false;
        }

        _claimed.RemoveWhere(t => t < scheduled - (10 * interval));
        return true;
    }
}
