using Monitor.Core.Domain;
using Monitor.Probing.Wire;

namespace Monitor.Fuzz;

/// <summary>
/// Everything Monitor does with the octets of a reply from a server it does not control: the head
/// check that picks the answer (ID, QR, opcode, question), the full read (sections, compression
/// pointers, OPT and its NSID option, the extended rcode, TXT strings) and identity extraction
/// (raw octets kept, text escaped). The only failure it may show is <see cref="DnsWireException"/>.
/// </summary>
public static class ResponseTarget
{
    private static readonly DnsQuestion[] Questions = [DnsQuestion.IdServer, DnsQuestion.HostnameBind, new("example.com", DnsClasses.IN, DnsTypes.A)];

    /// <summary>Runs one input.</summary>
    /// <param name="input">The octets as they came off the wire.</param>
    /// <returns>True when the whole response was read; false when it was rejected as malformed.</returns>
    /// <exception cref="InvalidOperationException">An invariant of a parsed response does not hold.</exception>
    public static bool Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DnsResponse response;
        try
        {
            var head = DnsResponseReader.ReadHead(input);
            foreach (var question in Questions)
            {
                _ = head.Answers(head.Id, question);
            }

            response = DnsResponseReader.Read(input);
        }
        catch (DnsWireException)
        {
            return false;
        }

        if (response.Size != input.Length)
        {
            throw new InvalidOperationException($"size {response.Size} is not the input's {input.Length} octets");
        }

        if (response.Nsid is { } nsid)
        {
            Check(new IdentityValue(nsid.AsSpan()), nsid.Length);
        }

        foreach (var txt in response.TxtAnswers)
        {
            var joined = txt.Joined();
            if (joined.Length > input.Length)
            {
                throw new InvalidOperationException($"a TXT record of {joined.Length} octets from a {input.Length}-octet message");
            }

            Check(new IdentityValue(joined), joined.Length);
        }

        return true;
    }

    private static void Check(IdentityValue value, int length)
    {
        if (value.Raw.Length != length)
        {
            throw new InvalidOperationException("an identity lost octets");
        }

        // The escaped text is printable ASCII: it goes to terminals, CSV and logs.
        foreach (var c in value.Text)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new InvalidOperationException($"identity text holds U+{(int)c:X4}");
            }
        }
    }
}
