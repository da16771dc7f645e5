namespace Monitor.Storage.Migrations;

/// <summary>One schema step: a version, a name and its SQL (with dialect placeholders).</summary>
/// <param name="Version">Applied in ascending order, once.</param>
/// <param name="Name">What it does.</param>
/// <param name="Sql">The script.</param>
/// <param name="Dialect">
/// The <see cref="Sql.SqlDialect.Name"/> this script is for (<c>NNNN_name.sqlite.sql</c>), or null for one
/// script shared by every database (<c>NNNN_name.sql</c>).
/// </param>
public sealed record Migration(int Version, string Name, string Sql, string? Dialect = null)
{
    /// <summary>The migrations shipped in this assembly (<c>Migrations/NNNN_name[.dialect].sql</c>), in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The migrations a database of dialect <paramref name="dialect"/> takes, in order: one per version.</summary>
    public static IReadOnlyList<Migration> For(string dialect) =>
        [.. All.Where(m => m.Dialect is null || m.Dialect == dialect)];

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        const string prefix = "Monitor.Storage.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like Monitor.Storage.Migrations.0001_initial.sql or ….0006_lean.sqlite.sql.
            var parts = resource[prefix.Length..^4].Split('.');
            var file = parts[0];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd(), parts.Length > 1 ? parts[1] : null));
        }

        list.Sort((a, b) => a.Version != b.Version ? a.Version.CompareTo(b.Version) : string.CompareOrdinal(a.Dialect, b.Dialect));
        return list;
    }
}
