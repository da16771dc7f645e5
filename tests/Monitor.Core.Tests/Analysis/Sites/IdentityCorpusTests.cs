using System.Globalization;
using System.Text;

using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Tests.Analysis.Sites;

public sealed class IdentityCorpusTests
{
    private static readonly SiteEngine Engine = SiteEngine.CreateDefault();

    public static TheoryData<int> Lines => IdentityCorpus.Lines();

    [Theory]
    [MemberData(nameof(Lines))]
    public void Identify_CorpusLine_GivesExpectedSite(int line)
    {
        var entry = IdentityCorpus.At(line);

        var result = Identify(entry);

        if (entry.ExpectUnknown)
        {
            Assert.True(result.Confidence == SiteConfidence.Unknown, $"line {line}: '{entry.Identity}' must stay unknown, got {result.Site.Code} ({result.Confidence}): {string.Join(" | ", result.Evidence)}");
            Assert.False(result.Site.Parsed);
        }
        else
        {
            Assert.True(result.Identified, $"line {line}: '{entry.Identity}' should be {entry.Expected}, stayed unknown: {result.Reason} {string.Join(" | ", result.Evidence)}");
            Assert.Equal(entry.Expected, result.Site.Code);
        }
    }

    [Fact]
    public void Corpus_HasAtLeast300RealStringsFromEveryRequiredOperator()
    {
        var entries = IdentityCorpus.Entries;

        Assert.True(entries.Count >= 300, $"{entries.Count} strings");
        Assert.Equal(entries.Count, entries.Select(e => (e.Identity, e.Source, e.Provider)).Distinct().Count());
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Seen), $"line {e.Line} says nowhere where it was seen"));
        // UltraDNS is not required: no real string of theirs was found (the one once filed under it is NS1's naming).
        string[] required = ["Verisign", "USC-ISI", "Cogent", "University of Maryland", "NASA Ames", "ISC", "US DoD (DISA)", "US Army Research Lab", "Netnod", "RIPE NCC", "ICANN", "WIDE", "Cloudflare", "Google", "Quad9", "OpenDNS", "Nominet", "Apple", "CleanBrowsing", "ControlD"];
        var operators = entries.Select(e => e.Operator).ToHashSet(StringComparer.Ordinal);
        Assert.All(required, op => Assert.Contains(op, operators));
        Assert.Contains(entries, e => e.ExpectUnknown);
    }

    [Fact]
    public void Corpus_PassRatePerOperator_IsAtLeast99Percent()
    {
        var report = new StringBuilder();
        var passed = 0;
        foreach (var group in IdentityCorpus.Entries.GroupBy(e => e.Operator).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = group.Count(Passes);
            passed += ok;
            report.Append(CultureInfo.InvariantCulture, $"{group.Key}: {ok}/{group.Count()}; ");
        }

        var total = IdentityCorpus.Entries.Count;
        Assert.True(passed >= total * 0.99, $"{passed}/{total}: {report}");
    }

    private static bool Passes(IdentityCorpus.Entry entry)
    {
        var result = Identify(entry);
        return entry.ExpectUnknown ? !result.Identified : result.Identified && result.Site.Code == entry.Expected;
    }

    private static SiteIdentification Identify(IdentityCorpus.Entry entry)
    {
        var source = entry.Source switch
        {
            "nsid" => IdentitySource.Nsid,
            "id.server" => IdentitySource.IdServer,
            "hostname.bind" => IdentitySource.HostnameBind,
            _ => IdentitySource.Any,
        };
        var physics = entry is { Latitude: { } lat, Longitude: { } lon, MinRttMs: { } rtt } ? new PhysicsContext(lat, lon, rtt) : null;
        return Engine.Identify(entry.Identity, source, entry.Provider, physics);
    }
}
