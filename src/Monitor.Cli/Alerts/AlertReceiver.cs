namespace Monitor.Cli.Alerts;

/// <summary>One webhook of the <c>alerts:</c> block.</summary>
/// <param name="Name">Names it in metrics and log lines (<c>name</c>, default the URL's host and port).</param>
/// <param name="Url">Where the JSON document is POSTed (secrets expanded).</param>
/// <param name="Headers">Headers sent with it, <c>Authorization</c> from <c>bearer_token</c> among them (secrets expanded).</param>
/// <param name="Timeout">How long one try may take (<c>timeout</c>, default 5s).</param>
public sealed record AlertReceiver(string Name, Uri Url, IReadOnlyDictionary<string, string> Headers, TimeSpan Timeout)
{
    /// <summary>The URL without user information and query, for log lines (a token may hide in either).</summary>
    public string Display => $"{Url.Scheme}://{Url.Authority}{Url.AbsolutePath}";

    /// <summary>Names the receiver without its secrets.</summary>
    public override string ToString() => $"{Name} ({Display})";
}
