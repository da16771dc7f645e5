namespace Monitor.Probing.Atlas;

/// <summary>
/// Why part of a good Atlas result file could not be read as it should. The first four kinds are
/// still stored (a response came back, but it cannot be read, or Atlas kept no copy of it); the rest
/// are skipped. Either way they are counted, never thrown.
/// </summary>
public enum AtlasDamage
{
    /// <summary>A <c>result</c> without <c>abuf</c>: stored as answered with no rcode or identity (Atlas kept no copy of the response).</summary>
    NoAbuf,

    /// <summary>An <c>abuf</c> that is not base64: stored as malformed.</summary>
    InvalidBase64,

    /// <summary>An <c>abuf</c> that does not read as a DNS message: stored as malformed.</summary>
    AbufNotDns,

    /// <summary>A result with neither <c>result</c> nor <c>error</c>: stored as a network error.</summary>
    NoResult,

    /// <summary>A line or array element that is not a JSON object, or not valid JSON: skipped.</summary>
    BrokenRecord,

    /// <summary>A record over the size limit: skipped.</summary>
    Oversized,

    /// <summary>The file ends inside a result or an unclosed array: the cut result is lost.</summary>
    Truncated,

    /// <summary>The gzip stream ends before its end (or its length does not add up): what was read is kept.</summary>
    TruncatedGzip,

    /// <summary>A result of another kind (<c>"type": "ping"</c> …) inside a DNS result file: skipped.</summary>
    NotDns,

    /// <summary>No <c>msm_id</c>, <c>prb_id</c> or <c>timestamp</c>, so the result has no key, or an empty <c>resultset</c>: skipped.</summary>
    MissingField,

    /// <summary>A value outside what Atlas writes (a negative probe id, an RTT below 0, an <c>af</c> of 5, a time before 2000 …): skipped.</summary>
    OutOfRange,
}
