namespace Monitor.Cli.Tests;

/// <summary>Files of the source tree, found by walking up from the test binaries to Monitor.sln.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of a file given relative to the repository root, e.g. ("probes", "deploy", "worker.env.example").</summary>
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new DirectoryNotFoundException($"Monitor.sln not found above {AppContext.BaseDirectory}");
    }
}
