namespace Monitor.Core.Analysis.Sites;

/// <summary>How sure a <see cref="SiteIdentification"/> is of the site it names.</summary>
public enum SiteConfidence
{
    /// <summary>No site: the identity names no place the engine can stand behind.</summary>
    Unknown,

    /// <summary>
    /// A guess: a token that spells a known code in a shape sites are often written in, with neither an
    /// operator convention nor physics behind it, or an operator's format with a code not in the tables.
    /// Reported as such and kept out of catchment shares.
    /// </summary>
    Low,

    /// <summary>A generic reading that physics supports, or an operator's format seen without its provider.</summary>
    Medium,

    /// <summary>An operator's own convention, with the code found in the reference tables.</summary>
    High,
}
