namespace Monitor.Rounds;

/// <summary>Several listeners heard as one, each in turn; what one throws never reaches the others or the round.</summary>
public sealed class RoundListeners : IRoundListener
{
    private readonly IRoundListener[] _listeners;

    /// <summary>Combines <paramref name="listeners"/>; nulls are left out.</summary>
    public RoundListeners(params IRoundListener?[] listeners)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        _listeners = [.. listeners.OfType<IRoundListener>()];
    }

    /// <summary>Tells each listener; a listener's exception is dropped (see <see cref="IRoundListener"/>).</summary>
    public void Kept(KeptRound round)
    {
        foreach (var listener in _listeners)
        {
            Tell(listener, round);
        }
    }

    /// <summary>Tells one listener, dropping what it throws: metrics and alerts must never break probing.</summary>
    internal static void Tell(IRoundListener listener, KeptRound round)
    {
        try
        {
            listener.Kept(round);
        }
#pragma warning disable CA1031 // a listener's bug must not end a round or a burst
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
