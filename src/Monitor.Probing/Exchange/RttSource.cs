namespace Monitor.Probing.Exchange;

/// <summary>Where an exchange's RTT ends.</summary>
public enum RttSource
{
    /// <summary>No RTT: no response arrived.</summary>
    None = 0,

    /// <summary>
    /// Both ends are the exchange's <see cref="TimeProvider"/> timestamps, the second one taken when
    /// the receive's continuation runs, so it includes any wait for a thread to run it.
    /// </summary>
    UserSpace = 1,

    /// <summary>
    /// The send is a realtime reading just before the send, the receive is the kernel's receive
    /// stamp of the response (Linux <c>SIOCGSTAMPNS</c>), so no scheduling delay after arrival is in it.
    /// </summary>
    KernelReceiveStamp = 2,
}
