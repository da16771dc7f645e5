using System.Globalization;

using DnsClient;

namespace Monitor.Probing;

/// <summary>
/// Mnemonics of qtypes and qclasses, from DnsClient's <see cref="QueryType"/> and <see cref="QueryClass"/>,
/// plus the generic <c>TYPEnnn</c>/<c>CLASSnnn</c> forms of RFC 3597 §5.
/// </summary>
public static class DnsNames
{
    private static readonly HashSet<QueryType> NotForProbing = [QueryType.AXFR];

    /// <summary>Reads a qtype such as <c>TXT</c>, <c>aaaa</c> or <c>TYPE65</c>.</summary>
    public static bool TryParseType(string? text, out ushort qtype)
    {
        qtype = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseGeneric(text, "TYPE", out qtype))
        {
            return true;
        }

        if (!char.IsAsciiLetter(text[0]) || !Enum.TryParse<QueryType>(text, ignoreCase: true, out var type) ||
            !Enum.IsDefined(type) || NotForProbing.Contains(type))
        {
            return false;
        }

        qtype = (ushort)type;
        return true;
    }

    /// <summary>Reads a qclass such as <c>IN</c>, <c>CH</c>, <c>CHAOS</c> or <c>CLASS3</c>.</summary>
    public static bool TryParseClass(string? text, out ushort qclass)
    {
        qclass = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseGeneric(text, "CLASS", out qclass))
        {
            return true;
        }

        if (string.Equals(text, "CHAOS", StringComparison.OrdinalIgnoreCase))
        {
            qclass = (ushort)QueryClass.CH;
            return true;
        }

        if (!char.IsAsciiLetter(text[0]) || !Enum.TryParse<QueryClass>(text, ignoreCase: true, out var cls) || !Enum.IsDefined(cls))
        {
            return false;
        }

        qclass = (ushort)cls;
        return true;
    }

    /// <summary>The mnemonic of a qtype, or <c>TYPEnnn</c>.</summary>
    public static string TypeName(ushort qtype) =>
        Enum.IsDefined((QueryType)qtype) ? ((QueryType)qtype).ToString() : "TYPE" + qtype.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mnemonic of a qclass, or <c>CLASSnnn</c>.</summary>
    public static string ClassName(ushort qclass) =>
        Enum.IsDefined((QueryClass)qclass) ? ((QueryClass)qclass).ToString() : "CLASS" + qclass.ToString(CultureInfo.InvariantCulture);

    /// <summary>A question as dig writes it: <c>id.server CH TXT</c>.</summary>
    public static string Question(Monitor.Core.Domain.DnsQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return $"{(question.Name.Length == 0 ? "." : question.Name)} {ClassName(question.QClass)} {TypeName(question.QType)}";
    }

    private static bool TryParseGeneric(string text, string prefix, out ushort value)
    {
        value = 0;
        return text.Length > prefix.Length &&
            text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
            text.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0 &&
            ushort.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
