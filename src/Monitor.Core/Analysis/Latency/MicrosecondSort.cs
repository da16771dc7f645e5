using System.Buffers;

namespace Monitor.Core.Analysis.Latency;

/// <summary>
/// Sorts RTTs in whole microseconds (non-negative) by least-significant-digit radix, 11 bits a pass: three
/// passes over the data at most, and none for a digit every value shares (RTTs under 4 s never need the
/// third). Ten million RTTs sort in a fraction of the time a comparison sort takes.
/// </summary>
internal static class MicrosecondSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Small = 512;

    /// <summary>Sorts <paramref name="values"/> ascending in place.</summary>
    /// <exception cref="ArgumentException">A value is negative.</exception>
    public static void Sort(Span<int> values)
    {
        if (values.Length < Small)
        {
            values.Sort();
            return;
        }

        var rented = ArrayPool<int>.Shared.Rent(values.Length);
        var counts = new int[Buckets];
        try
        {
            Span<int> from = values;
            Span<int> to = rented.AsSpan(0, values.Length);
            for (var shift = 0; shift < 32; shift += Bits)
            {
                Array.Clear(counts);
                foreach (var v in from)
                {
                    if (v < 0)
                    {
                        throw new ArgumentException("RTTs must be non-negative.", nameof(values));
                    }

                    counts[(v >> shift) & (Buckets - 1)]++;
                }

                if (counts[(from[0] >> shift) & (Buckets - 1)] == from.Length)
                {
                    continue; // every value has this digit
                }

                var total = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    (counts[b], total) = (total, total + counts[b]);
                }

                foreach (var v in from)
                {
                    to[counts[(v >> shift) & (Buckets - 1)]++] = v;
                }

                var swap = from;
                from = to;
                to = swap;
            }

            if (from != values)
            {
                from.CopyTo(values);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
