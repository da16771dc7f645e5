using System.Globalization;

namespace Monitor.Core.Domain;

/// <summary>Response codes and their mnemonics (RFC 1035 §4.1.1, RFC 6895 §2.3, RFC 6891 for BADVERS).</summary>
public static class DnsRcodes
{
    /// <summary>No error.</summary>
    public const int NoError = 0;

    /// <summary>The server failed.</summary>
    public const int ServFail = 2;

    /// <summary>The name does not exist.</summary>
    public const int NXDomain = 3;

    /// <summary>The server refused.</summary>
    public const int Refused = 5;

    /// <summary>The mnemonic of an rcode, e.g. <c>NOERROR</c>, or <c>RCODE23</c> for one without a name.</summary>
    public static string Name(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        _ => "RCODE" + rcode.ToString(CultureInfo.InvariantCulture),
    };
}
