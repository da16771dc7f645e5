using System.Buffers;

namespace Monitor.Core.Analysis.Latency;

/// <summary>
/// Sorts RTTs in whole microseconds (non-negative) by least-significant-digit radix, 11 bits a digit: one
/// pass counts all three digits, then a pass per digit moves the values, none for a digit every value
/// shares (RTTs under 4 s never need the third). Ten million RTTs sort in a fraction of the time a
/// comparison sort takes.
/// </summary>
internal static class MicrosecondSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Small = 512;
    private const int Passes = 3; // 11 + 11 + 10 bits cover every non-negative int

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
        try
        {
            // One pass counts every digit (three histograms); each pass after it only moves values.
            var counts = new int[Passes * Buckets];
            foreach (var v in values)
            {
                if (v < 0)
                {
                    throw new ArgumentException("RTTs must be non-negative.", nameof(values));
                }

                counts[v & (Buckets - 1)]++;
                counts[Buckets + ((v >> Bits) & (Buckets - 1))]++;
                counts[(2 * Buckets) + ((v >> (2 * Bits)) & (Buckets - 1))]++;
            }

            Span<int> from = values;
            Span<int> to = rented.AsSpan(0, values.Length);
            for (var pass = 0; pass < Passes; pass++)
            {
                var shift = pass * Bits;
                var digit = counts.AsSpan(pass * Buckets, Buckets);
                if (digit[(from[0] >> shift) & (Buckets - 1)] == from.Length)
                {
                    continue; // every value has this digit
                }

                var total = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    (digit[b], total) = (total, total + digit[b]);
                }

                foreach (var v in from)
                {
                    to[digit[(v >> shift) & (Buckets - 1)]++] = v;
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
