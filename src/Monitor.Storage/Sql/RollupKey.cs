namespace Monitor.Storage.Sql;

/// <summary>A row of <c>series_hours</c>: a series' number, the start of a UTC hour (Unix µs) and a probe kind.</summary>
internal readonly record struct RollupKey(int Series, long HourUs, short Kind) : IComparable<RollupKey>
{
    /// <summary>An hour, µs.</summary>
    public const long HourMicroseconds = 3_600_000_000;

    /// <summary>The start of the UTC hour holding <paramref name="startedUs"/> (Unix µs).</summary>
    public static long HourOf(long startedUs) => startedUs - (((startedUs % HourMicroseconds) + HourMicroseconds) % HourMicroseconds);

    /// <inheritdoc />
    public int CompareTo(RollupKey other)
    {
        var c = Series.CompareTo(other.Series);
        if (c == 0)
        {
            c = HourUs.CompareTo(other.HourUs);
        }

        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }
}
