using System.Diagnostics;
using System.Text.Json;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor identify</c>: what the site engine makes of identity strings.</summary>
public sealed class IdentifyCommandTests
{
    [Fact]
    public async Task Identify_KnownStrings_PrintsSiteConfidenceAndEvidence()
    {
        var run = await CliRun.InProcessAsync("identify", "res200.vie.rrdns.pch.net", "ns1.nl-ams.k.ripe.net", "--provider", "Quad9");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("res200.vie.rrdns.pch.net: VIE (Vienna, AT), high confidence", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("ns1.nl-ams.k.ripe.net: AMS (Amsterdam, NL)", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.Contains("operator convention 'pch-rrdns' of the target's provider", StringComparison.Ordinal));
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Identify_AnyUnknown_ExitsOne()
    {
        var run = await CliRun.InProcessAsync("identify", "gpdns-ams", "node17.example");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("node17.example: unknown (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identify_Json_HasTheDocumentedFieldsAndPhysicsRejection()
    {
        // Real: RIPE Atlas probe 21563 (Novosibirsk) got "nsk-dns1-L" in 1.96 ms; NSK is Norilsk.
        var run = await CliRun.InProcessAsync("identify", "nsk-dns1-L", "--from", "54.8585,83.1105", "--rtt", "1.96ms", "--json");

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        Assert.Equal(54.8585, root.GetProperty("from").GetProperty("latitude").GetDouble());
        Assert.Equal(1.96, root.GetProperty("rtt_ms").GetDouble());
        var id = Assert.Single(root.GetProperty("identities").EnumerateArray());
        Assert.Equal("nsk-dns1-L", id.GetProperty("identity").GetString());
        Assert.Equal(JsonValueKind.Null, id.GetProperty("site").ValueKind);
        Assert.Equal("unknown", id.GetProperty("confidence").GetString());
        Assert.Contains(id.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.StartsWith("physics rejected NSK", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(id.GetProperty("reason").GetString()));
        foreach (var field in new[] { "city", "country", "latitude", "longitude", "rule" })
        {
            Assert.True(id.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Identify_JsonIdentified_GivesPlace()
    {
        var run = await CliRun.InProcessAsync("identify", "gpdns-bud", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var id = Assert.Single(doc.RootElement.GetProperty("identities").EnumerateArray());
        Assert.Equal("BUD", id.GetProperty("site").GetString());
        Assert.Equal("Budapest", id.GetProperty("city").GetString());
        Assert.Equal("HU", id.GetProperty("country").GetString());
        Assert.Equal("high", id.GetProperty("confidence").GetString());
        Assert.Equal("google-public-dns", id.GetProperty("rule").GetString());
        Assert.True(id.GetProperty("latitude").GetDouble() > 47);
    }

    [Theory]
    [InlineData("--from", "91,0", "--rtt", "2ms", "--from")]
    [InlineData("--from", "52.3", "--rtt", "2ms", "--from")]
    [InlineData("--from", "52.3,4.9", "--rtt", "-2ms", "--rtt")]
    [InlineData("--from", "52.3,4.9", "--rtt", "soon", "--rtt")]
    [InlineData("--rtt", "2ms", "--json", "--json", "give both --from and --rtt")]
    public async Task Identify_BadOptions_ExitTwoWithOneLine(string a, string b, string c, string d, string phrase)
    {
        var run = await CliRun.InProcessAsync("identify", "gpdns-ams", a, b, c, d);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(phrase, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_StringsOnStandardInput_AreReadOnePerLine()
    {
        var (code, output, _) = await RunWithInputAsync("gpdns-ams\n\n  ns1.gb-lon.k.ripe.net  \n", "identify");

        Assert.Equal(0, code);
        Assert.Contains("gpdns-ams: AMS (Amsterdam, NL), high confidence", output);
        Assert.Contains("ns1.gb-lon.k.ripe.net: LON (London, GB), high confidence", output);
    }

    [Fact]
    public async Task Identify_NothingOnStandardInput_IsBadInput()
    {
        var (code, output, error) = await RunWithInputAsync(string.Empty, "identify");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("no identity strings", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_ControlCharacters_AreShownEscaped()
    {
        var run = await CliRun.InProcessAsync("identify", "\u001b[2Jlhr-01");

        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Contains("\\027[2Jlhr-01", run.Output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "monitor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
