using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary><c>--target ID</c> of a read command: an id the database does not know is bad input, not an empty result.</summary>
internal static class KnownTargets
{
    /// <summary>How many known ids the error lists at most.</summary>
    public const int Listed = 20;

    /// <summary>Does nothing when <paramref name="target"/> is null or known.</summary>
    /// <exception cref="BadInputException">The database knows no target <paramref name="target"/>; the message lists those it knows.</exception>
    public static async Task CheckAsync(IStoreCatalog store, string? target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (target is null)
        {
            return;
        }

        var known = (await store.ReadProvidersAsync(cancellationToken).ConfigureAwait(false)).Keys.Order(StringComparer.Ordinal).ToList();
        if (known.Contains(target, StringComparer.Ordinal))
        {
            return;
        }

        var list = known.Count == 0
            ? "the database has no targets"
            : $"known: {string.Join(", ", known.Take(Listed))}{(known.Count > Listed ? $" and {known.Count - Listed} more" : string.Empty)}";
        throw new BadInputException($"--target: unknown target '{target}'; {list}");
    }
}
