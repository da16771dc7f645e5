namespace Monitor.Probing.Atlas;

/// <summary>What <see cref="JsonRecordSplitter.Next"/> found.</summary>
internal enum SplitStatus
{
    /// <summary>A complete record (its octets, not yet parsed).</summary>
    Record,

    /// <summary>The buffer holds no complete record: read more.</summary>
    NeedMore,

    /// <summary>An array element that is not an object (a number, a string, an array).</summary>
    NotAnObject,

    /// <summary>A record over the size limit, skipped.</summary>
    Oversized,

    /// <summary>The stream ended inside a record or an unclosed array.</summary>
    Truncated,

    /// <summary>The end of the stream.</summary>
    End,
}
