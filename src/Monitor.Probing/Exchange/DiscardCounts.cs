namespace Monitor.Probing.Exchange;

/// <summary>Packets received during one exchange that were not the answer, by reason.</summary>
/// <param name="WrongSource">From another address or port than the one queried.</param>
/// <param name="WrongId">A DNS response with another message ID.</param>
/// <param name="WrongQuestion">The right ID but another question, opcode or no QR bit.</param>
/// <param name="Unreadable">From the server, but not readable as a DNS message head.</param>
public readonly record struct DiscardCounts(int WrongSource, int WrongId, int WrongQuestion, int Unreadable)
{
    /// <summary>All discarded packets.</summary>
    public int Total => WrongSource + WrongId + WrongQuestion + Unreadable;
}
