using System.Diagnostics;

namespace Monitor.Testing;

/// <summary>
/// A DNSSEC-signed zone made for a test with ldns (Debian package ldnsutils): one ECDSA P-256 key
/// (<c>ldns-keygen</c>), the zone signed with it (<c>ldns-signzone</c>, valid for four weeks), and
/// the key's DS record as the trust anchor a validating resolver starts from.
/// </summary>
public sealed class SignedZone : IDisposable
{
    private const string KeygenPath = "/usr/bin/ldns-keygen";
    private const string SignzonePath = "/usr/bin/ldns-signzone";

    private SignedZone(string name, string directory, string zoneFile, string trustAnchorFile)
    {
        Name = name;
        Directory = directory;
        ZoneFile = zoneFile;
        TrustAnchorFile = trustAnchorFile;
    }

    /// <summary>The zone's name, without the trailing dot.</summary>
    public string Name { get; }

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The signed zone file.</summary>
    public string ZoneFile { get; }

    /// <summary>The DS record of the zone's key, one line.</summary>
    public string TrustAnchorFile { get; }

    /// <summary>
    /// Signs a zone <paramref name="name"/> holding an SOA, an NS and <paramref name="records"/>
    /// (master-file lines relative to the zone); skips (or fails under CI) without ldnsutils.
    /// </summary>
    public static SignedZone Create(string name, params string[] records)
    {
        Requires.Executable(SignzonePath, "ldnsutils");
        Requires.Executable(KeygenPath, "ldnsutils");
        var directory = System.IO.Directory.CreateTempSubdirectory("monitor-signed-").FullName;
        var zone = Path.Combine(directory, "zone");
        File.WriteAllLines(zone, [
            $"$ORIGIN {name}.",
            "$TTL 300",
            "@ IN SOA ns hostmaster 1 3600 600 86400 300",
            "@ IN NS ns",
            "ns IN A 192.0.2.53",
            .. records,
        ]);
        var key = Run(directory, KeygenPath, "-a", "ECDSAP256SHA256", "-k", name).Trim();
        Run(directory, SignzonePath, zone, key);
        return new SignedZone(name, directory, zone + ".signed", Path.Combine(directory, key + ".ds"));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Run(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(file)} failed: {error}");
    }
}
