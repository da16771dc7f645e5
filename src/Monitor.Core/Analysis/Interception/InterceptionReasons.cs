namespace Monitor.Core.Analysis.Interception;

/// <summary>Why an answer from an anycast service is possibly not from its operator.</summary>
[Flags]
public enum InterceptionReasons
{
    /// <summary>Nothing seen.</summary>
    None = 0,

    /// <summary>The identity does not have the shape the operator's identities have from most vantage points.</summary>
    ForeignIdentity = 1,

    /// <summary>The rcode differs from the one the other vantage points mostly get.</summary>
    Rcode = 2,

    /// <summary>The RTT is below what light in fibre needs to reach the nearest of the operator's sites and back.</summary>
    BelowPhysicalFloor = 4,
}
