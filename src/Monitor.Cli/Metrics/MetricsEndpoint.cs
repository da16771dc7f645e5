using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Monitor.Core.Text;

namespace Monitor.Cli.Metrics;

/// <summary>
/// Where <c>--metrics</c> serves: <c>PORT</c> (on 127.0.0.1), <c>ADDR:PORT</c> or <c>[IPv6]:PORT</c>;
/// the metrics are at <c>http://ADDR:PORT/metrics</c>.
/// </summary>
/// <param name="Address">The address listened on.</param>
/// <param name="Port">The TCP port.</param>
public sealed record MetricsEndpoint(IPAddress Address, int Port)
{
    /// <summary>The path the metrics are served at.</summary>
    public const string Path = "/metrics";

    /// <summary>The URL a scrape fetches, e.g. <c>http://127.0.0.1:9464/metrics</c>.</summary>
    public Uri Url => new($"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}");

    /// <summary>The address as a URL host: IPv6 in brackets.</summary>
    public string Host => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();

    /// <summary>Reads <c>9464</c>, <c>127.0.0.1:9464</c> or <c>[::1]:9464</c>; otherwise says why not.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MetricsEndpoint? endpoint, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        endpoint = null;
        error = string.Empty;
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var bare) || bare is < 1 or > 65535)
            {
                error = $"'{text}' is not a port (1 to 65535)";
                return false;
            }

            endpoint = new MetricsEndpoint(IPAddress.Loopback, bare);
            return true;
        }

        if (!EndpointText.TryParse(trimmed, out var address, out var port, out var problem))
        {
            error = $"{problem}; write PORT, ADDR:PORT or [IPv6]:PORT, e.g. 9464 or 127.0.0.1:9464";
            return false;
        }

        if (port is null)
        {
            error = $"'{text}' names no port; write ADDR:PORT, e.g. {(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:9464";
            return false;
        }

        endpoint = new MetricsEndpoint(address, port.Value);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
