namespace Monitor.Cli.Configuration;

/// <summary>Reads a configuration or rules file; every failure is a <see cref="ConfigException"/> naming the file.</summary>
internal static class ConfigFile
{
    /// <summary>The file's text.</summary>
    /// <param name="path">The file; messages name it as given.</param>
    /// <exception cref="ConfigException">No such file, or it cannot be read.</exception>
    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, null, null, "no such file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException(path, null, null, $"cannot read the file: {ex.Message}", ex);
        }
    }
}
