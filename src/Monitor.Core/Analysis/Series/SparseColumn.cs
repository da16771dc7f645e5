namespace Monitor.Core.Analysis.Series;

/// <summary>
/// A column that only some rows of a <see cref="ColumnarSeries"/> have a value in (an SOA serial, the
/// answer addresses, a site probe's site): the row numbers that have one, in increasing order, and their
/// values. A column no row has a value in holds no arrays at all.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class SparseColumn<T>
{
    private int[] _rows = [];
    private T[] _values = [];

    /// <summary>Rows with a value.</summary>
    public int Count { get; private set; }

    /// <summary>The rows with a value, increasing.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>The values, in the order of <see cref="Rows"/>.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    /// <summary>Gives a row its value; rows must come in increasing order, each at most once.</summary>
    /// <param name="row">The row, greater than every row set before.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row is negative or not after the last one set.</exception>
    public void Set(int row, T value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        if (Count > 0 && row <= _rows[Count - 1])
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Rows of a sparse column come in increasing order; the last was {_rows[Count - 1]}.");
        }

        if (Count == _rows.Length)
        {
            var size = Math.Max(4, Count * 2);
            Array.Resize(ref _rows, size);
            Array.Resize(ref _values, size);
        }

        _rows[Count] = row;
        _values[Count] = value;
        Count++;
    }

    /// <summary>The value of a row, if it has one (a binary search over <see cref="Rows"/>).</summary>
    public bool TryGet(int row, out T value)
    {
        var at = Rows.BinarySearch(row);
        if (at >= 0)
        {
            value = _values[at];
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Forgets every value, keeping the arrays for the next series.</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_values, 0, Count);
        }

        Count = 0;
    }
}
