namespace Monitor.Storage.Migrations;

/// <summary>One schema step: a version, a name and its SQL (with dialect placeholders).</summary>
/// <param name="Version">Applied in ascending order, once.</param>
/// <param name="Name">What it does.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>The migrations shipped in this assembly (<c>Migrations/NNNN_name.sql</c>), in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like Monitor.Storage.Migrations.0001_initial.sql.
            var file = resource[..^4].Split('.')[^1];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        return list;
    }
}
