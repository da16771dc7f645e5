namespace Monitor.Testing.Lab;

/// <summary>How <see cref="AnycastLab.StartAsync"/> builds a lab.</summary>
public sealed record LabOptions
{
    /// <summary>Where configs, logs, sockets and the lab description go; a new temporary directory when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>
    /// The prefix of every namespace the lab creates; must start with <c>mlab</c>. When null,
    /// <c>mlab&lt;pid&gt;-&lt;n&gt;-</c>, unique per lab run (and <c>lab.sh down --stale</c> removes it once the
    /// process is gone).
    /// </summary>
    public string? Prefix { get; init; }

    /// <summary>How long to wait for BGP to converge and every vantage point to reach a site.</summary>
    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often <see cref="AnycastLab.RouteLog"/> reads the routing truth.</summary>
    public TimeSpan RouteLogInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The built Monitor.LabRelay.dll; found next to the repository's build output when null.</summary>
    public string? RelayPath { get; init; }
}
