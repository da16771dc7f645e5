namespace Monitor.Testing;

/// <summary>Files of the repository the tests run from (found by walking up to Monitor.sln).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, e.g. <c>Path("probes", "deploy", "prometheus.yml")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}.");
    }
}
