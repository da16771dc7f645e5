using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Core.Text;

/// <summary>
/// Reads a probe target written as an address with an optional port: <c>192.0.2.1</c>,
/// <c>192.0.2.1:5353</c>, <c>2001:db8::1</c>, <c>[2001:db8::1]:5353</c>; a host name with an
/// optional port (<c>dns.example:853</c>) is read apart, by <see cref="TryParseHost"/>.
/// </summary>
public static class EndpointText
{
    /// <summary>Parses; <paramref name="port"/> is null when the text names none.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPAddress? address, out int? port, out string error)
    {
        address = null;
        port = null;
        error = string.Empty;
        var addressText = text.Trim();
        string? portText = null;
        var bracketed = addressText.StartsWith('[');

        if (bracketed)
        {
            var close = addressText.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' has '[' without ']'";
                return false;
            }

            var rest = addressText[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
            {
                error = $"'{text}': after ']' only ':PORT' may follow";
                return false;
            }

            portText = rest.Length > 0 ? rest[1..] : null;
            addressText = addressText[1..close];
        }
        else if (addressText.Count(c => c == ':') == 1)
        {
            var colon = addressText.IndexOf(':', StringComparison.Ordinal);
            portText = addressText[(colon + 1)..];
            addressText = addressText[..colon];
        }

        if (!TryParseAddress(addressText, out address) || (bracketed && address.AddressFamily != AddressFamily.InterNetworkV6))
        {
            error = $"'{text}' is not an IPv4 or IPv6 address";
            return false;
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = $"'{text}' has a bad port '{portText}'; a port is 1 to 65535";
                return false;
            }

            port = p;
        }

        return true;
    }

    /// <summary>A target's endpoint as written on the command line (a host-name target by its name).</summary>
    public static string Format(Monitor.Core.Domain.Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.HostName is { } host
            ? $"{host}:{target.Port.ToString(CultureInfo.InvariantCulture)}"
            : Format(target.Address, target.Port);
    }

    /// <summary>
    /// Parses a host name with an optional port: <c>dns.example</c>, <c>dns.example:853</c>. Labels of
    /// letters, digits and '-', not all digits (so a mistyped address is no host name).
    /// </summary>
    public static bool TryParseHost(string text, [NotNullWhen(true)] out string? host, out int? port)
    {
        host = null;
        port = null;
        var name = text.Trim();
        var colon = name.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
            name = name[..colon];
        }

        name = name.TrimEnd('.');
        var labels = name.Split('.');
        if (name.Length is 0 or > 253 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) ||
            labels[^1].All(char.IsAsciiDigit))
        {
            port = null;
            return false;
        }

        host = name;
        return true;
    }

    /// <summary>Formats an endpoint the way it is parsed: <c>192.0.2.1:53</c>, <c>[2001:db8::1]:53</c>.</summary>
    public static string Format(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Parses an address literal without a port: four dotted octets or an IPv6 address. Host names
    /// and IPv4 shorthand such as <c>10.1</c> are refused.
    /// </summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPAddress.TryParse also takes "[::1]" and "[::1]:53", quietly dropping the port.
            return !text.Contains('[', StringComparison.Ordinal) && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // IPAddress.TryParse takes "1" or "10.1" as IPv4 shorthand; an engineer means four octets.
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        return IPAddress.TryParse(text, out address);
    }
}
