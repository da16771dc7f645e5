namespace Monitor.Testing;

/// <summary>
/// Gates for integration tests that need a real server. On a developer's machine a missing server
/// skips the test; under CI (<c>CI=true</c>) it fails it, so CI never passes by skipping.
/// </summary>
public static class Requires
{
    /// <summary>True when running under CI.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) unless <paramref name="path"/> exists.</summary>
    public static string Executable(string path, string package)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var message = $"{path} is missing: install the Debian package '{package}' (the README's test command does).";
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return path;
    }
}
