using System.CommandLine;

namespace Monitor.Cli.Metrics;

/// <summary><c>--metrics ADDR:PORT</c> of <c>monitor run</c> and <c>monitor worker</c>.</summary>
internal static class MetricsOption
{
    /// <summary>The option; its value is null when not given (metrics off).</summary>
    public static Option<MetricsEndpoint?> Create() => new("--metrics")
    {
        Description = "Serve Prometheus metrics at http://ADDR:PORT/metrics: a port alone (9464) listens on 127.0.0.1; off by default",
        HelpName = "ADDR:PORT",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!MetricsEndpoint.TryParse(text, out var endpoint, out var error))
            {
                result.AddError($"--metrics: {error}");
                return null;
            }

            return endpoint;
        },
    };
}
