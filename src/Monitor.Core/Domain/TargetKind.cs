namespace Monitor.Core.Domain;

/// <summary>How a target's address is routed.</summary>
public enum TargetKind
{
    /// <summary>One address announced from many sites; the answering node may change.</summary>
    Anycast,

    /// <summary>One address, one server.</summary>
    Unicast,
}
