using Monitor.Core.Domain;

namespace Monitor.Probing.Wire;

/// <summary>
/// The part of a response that decides whether it answers our query: header and question
/// (RFC 1035 §4.1.1–4.1.2). Read before the rest, so that a packet that is not ours is discarded
/// without further work.
/// </summary>
/// <param name="Id">The message ID.</param>
/// <param name="IsResponse">The QR bit.</param>
/// <param name="Opcode">The OPCODE.</param>
/// <param name="Truncated">The TC bit.</param>
/// <param name="HeaderRcode">The 4-bit RCODE of the header (without EDNS's upper bits).</param>
/// <param name="Question">The first question, or null when QDCOUNT is 0.</param>
/// <param name="QuestionCount">QDCOUNT.</param>
/// <param name="AnswerCount">ANCOUNT.</param>
/// <param name="AuthorityCount">NSCOUNT.</param>
/// <param name="AdditionalCount">ARCOUNT.</param>
/// <param name="BodyOffset">Where the answer section starts.</param>
public sealed record DnsResponseHead(
    ushort Id,
    bool IsResponse,
    int Opcode,
    bool Truncated,
    int HeaderRcode,
    DnsQuestion? Question,
    int QuestionCount,
    int AnswerCount,
    int AuthorityCount,
    int AdditionalCount,
    int BodyOffset)
{
    /// <summary>The AD bit (RFC 4035 §3.2.3).</summary>
    public bool AuthenticData { get; init; }

    /// <summary>True when this is a response to a query with <paramref name="id"/> and <paramref name="question"/>.</summary>
    public bool Answers(ushort id, DnsQuestion question) =>
        IsResponse && Opcode == 0 && Id == id && QuestionCount == 1 && question.Equals(Question);
}
