namespace Monitor.Core.Domain;

/// <summary>
/// One DNS question: qname, qclass and qtype (RFC 1035 §4.1.2). The qname is kept in presentation
/// form without the trailing dot and compared case-insensitively, as DNS names are.
/// </summary>
public sealed record DnsQuestion
{
    /// <summary>Creates a question, checking the name against the limits of RFC 1035 §2.3.4.</summary>
    /// <exception cref="ArgumentException">The name is empty, has an empty label, a label over 63 octets or is over 255 octets.</exception>
    public DnsQuestion(string name, ushort qclass, ushort qtype)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = Normalize(name);
        QClass = qclass;
        QType = qtype;
    }

    /// <summary><c>id.server CH TXT</c>: the default main query, so RTT and identity come from one packet.</summary>
    public static DnsQuestion IdServer { get; } = new("id.server", DnsClasses.CH, DnsTypes.TXT);

    /// <summary><c>hostname.bind CH TXT</c>.</summary>
    public static DnsQuestion HostnameBind { get; } = new("hostname.bind", DnsClasses.CH, DnsTypes.TXT);

    /// <summary>The qname without its trailing dot; the root is the empty string.</summary>
    public string Name { get; }

    /// <summary>The qclass.</summary>
    public ushort QClass { get; }

    /// <summary>The qtype.</summary>
    public ushort QType { get; }

    /// <summary>True when the name has the same labels, ignoring ASCII case.</summary>
    public bool Matches(string name, ushort qclass, ushort qtype) =>
        qclass == QClass && qtype == QType &&
        string.Equals(Name, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool Equals(DnsQuestion? other) =>
        other is not null && other.Matches(Name, QClass, QType);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name), QClass, QType);

    /// <inheritdoc />
    public override string ToString() => $"{(Name.Length == 0 ? "." : Name)} {QClass} {QType}";

    private static string Normalize(string name)
    {
        if (name == ".")
        {
            return string.Empty;
        }

        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The query name is empty.", nameof(name));
        }

        var wireLength = 1;
        foreach (var label in trimmed.Split('.'))
        {
            if (label.Length == 0)
            {
                throw new ArgumentException($"The query name '{name}' has an empty label.", nameof(name));
            }

            if (label.Length > 63)
            {
                throw new ArgumentException($"The query name '{name}' has a label over 63 octets.", nameof(name));
            }

            if (label.Any(c => c > 0x7e || c < 0x21 || c == '\\'))
            {
                throw new ArgumentException($"The query name '{name}' has a character outside printable ASCII or a '\\' escape, which Monitor does not write.", nameof(name));
            }

            wireLength += label.Length + 1;
        }

        if (wireLength > 255)
        {
            throw new ArgumentException($"The query name '{name}' is over 255 octets.", nameof(name));
        }

        return trimmed;
    }
}
