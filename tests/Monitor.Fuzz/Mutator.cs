using System.Buffers.Binary;

namespace Monitor.Fuzz;

/// <summary>
/// Mutates DNS messages the way a hostile or broken server would: bit and byte flips, interesting
/// values in the header counts and length fields, compression pointers aimed anywhere (loops
/// included), inserted, deleted, duplicated and spliced runs, truncation and trailing junk. Several
/// mutations are stacked per case. Deterministic for a given seed, so a failure can be replayed.
/// </summary>
public sealed class Mutator
{
    private const int MaxLength = 65535;
    private static readonly ushort[] Interesting = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x7FFF, 0x8000, 0xC000, 0xFFFE, 0xFFFF];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _corpus;

    /// <summary>Creates a mutator over <paramref name="corpus"/> (seed inputs, at least one).</summary>
    public Mutator(IReadOnlyList<byte[]> corpus, int seed)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfZero(corpus.Count);
        _corpus = corpus;
        _random = new Random(seed);
    }

    /// <summary>The next mutated input.</summary>
    public byte[] Next()
    {
        var data = new List<byte>(_corpus[_random.Next(_corpus.Count)]);
        var rounds = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(data);
        }

        if (data.Count > MaxLength)
        {
            data.RemoveRange(MaxLength, data.Count - MaxLength);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        switch (_random.Next(11))
        {
            case 0 when data.Count > 0:
                data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = (byte)_random.Next(256);
                break;
            case 2 when data.Count >= 12:
                // a header count (QD, AN, NS, AR) or the flags
                WriteUInt16(data, 2 + (2 * _random.Next(5)), Interesting[_random.Next(Interesting.Length)]);
                break;
            case 3 when data.Count >= 2:
                // a 16-bit field anywhere: lengths, types, classes, RDLENGTH, option lengths
                WriteUInt16(data, _random.Next(data.Count - 1), Interesting[_random.Next(Interesting.Length)]);
                break;
            case 4 when data.Count >= 2:
                // a compression pointer to anywhere, including forward, into itself and past the end
                WriteUInt16(data, _random.Next(data.Count - 1), (ushort)(0xC000 | _random.Next(_random.Next(2) == 0 ? data.Count + 4 : 0x4000)));
                break;
            case 5 when data.Count > 0:
                {
                    var at = _random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(1 + _random.Next(16), data.Count - at));
                    break;
                }

            case 6:
                {
                    var at = _random.Next(data.Count + 1);
                    var run = new byte[1 + _random.Next(32)];
                    _random.NextBytes(run);
                    data.InsertRange(at, run);
                    break;
                }

            case 7 when data.Count > 1:
                {
                    // duplicate a run (repeated records, repeated OPT)
                    var from = _random.Next(data.Count);
                    var length = 1 + _random.Next(Math.Min(64, data.Count - from));
                    data.InsertRange(_random.Next(data.Count + 1), data.GetRange(from, length));
                    break;
                }

            case 8:
                {
                    // splice a tail from another corpus entry
                    var other = _corpus[_random.Next(_corpus.Count)];
                    var cut = _random.Next(data.Count + 1);
                    var from = _random.Next(other.Length + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                }

            case 9 when data.Count > 0:
                {
                    // truncate
                    var at = _random.Next(data.Count);
                    data.RemoveRange(at, data.Count - at);
                    break;
                }

            default:
                {
                    var junk = new byte[_random.Next(_random.Next(8) == 0 ? 600 : 8)];
                    _random.NextBytes(junk);
                    data.AddRange(junk);
                    break;
                }
        }
    }

    private static void WriteUInt16(List<byte> data, int offset, ushort value)
    {
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(two, value);
        data[offset] = two[0];
        data[offset + 1] = two[1];
    }
}
