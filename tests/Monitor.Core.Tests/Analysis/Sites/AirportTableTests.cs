using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Tests.Analysis.Sites;

public sealed class AirportTableTests
{
    private const string Header = "iata,name,city,country,latitude,longitude\n";

    private const string Sample =
        Header +
        "AES,\"Ålesund Airport, Vigra\",Ålesund,NO,62.5625,6.1197\n" +
        "\n" +
        "FOG,\"Foggia \"\"Gino Lisa\"\" Airport\",Foggia,IT,41.4329,15.535\n" +
        "vie,Vienna International Airport,Vienna,at,48.1103,16.5697\n" +
        "XXX,No City Airport,,ZZ,-0.5,-179.9999\n";

    [Fact]
    public void Parse_Sample_ReadsQuotedFieldsAndNormalisesCase()
    {
        var table = AirportTable.Parse(new StringReader(Sample));

        Assert.True(table.TryGet("AES", out var aes));
        Assert.Equal(new Airport("AES", "Ålesund Airport, Vigra", "Ålesund", "NO", 62.5625, 6.1197), aes);
        Assert.True(table.TryGet("FOG", out var fog));
        Assert.Equal("Foggia \"Gino Lisa\" Airport", fog.Name);
        Assert.True(table.TryGet("VIE", out var vie));
        Assert.Equal(new Airport("VIE", "Vienna International Airport", "Vienna", "AT", 48.1103, 16.5697), vie);
        Assert.True(table.TryGet("XXX", out var xxx));
        Assert.Equal(string.Empty, xxx.City);
    }

    [Theory]
    [InlineData("vie")]
    [InlineData("VIE")]
    [InlineData("Vie")]
    public void TryGet_AnyCase_Finds(string code)
    {
        var table = AirportTable.Parse(new StringReader(Sample));

        Assert.True(table.TryGet(code, out var airport));
        Assert.Equal("VIE", airport.Iata);
    }

    [Theory]
    [InlineData("")]
    [InlineData("VI")]
    [InlineData("VIEN")]
    [InlineData("QQQ")]
    public void TryGet_UnknownCode_IsFalse(string code)
    {
        var table = AirportTable.Parse(new StringReader(Sample));

        Assert.False(table.TryGet(code, out var airport));
        Assert.Null(airport);
    }

    [Theory]
    [InlineData("lon", "London", "GB")]
    [InlineData("NYC", "New York", "US")]
    [InlineData("tyo", "Tokyo", "JP")]
    public void TryGet_MetropolitanCode_FindsTheCity(string code, string city, string country)
    {
        var table = AirportTable.Parse(new StringReader(Sample));

        Assert.True(table.TryGet(code, out var entry));
        Assert.Equal(city, entry.City);
        Assert.Equal(country, entry.Country);
    }

    [Fact]
    public void Count_Sample_CountsRowsAndCityCodes()
    {
        var rows = AirportTable.Parse(new StringReader(Sample)).Count;
        var cities = AirportTable.Parse(new StringReader(Header)).Count;

        Assert.True(cities >= 20, $"{cities} city codes");
        Assert.Equal(cities + 4, rows);
    }

    [Theory]
    [InlineData("", 1, "the file is empty")]
    [InlineData("code,name\nAMS,x\n", 1, "expected the header 'iata,name,city,country,latitude,longitude', found 'code,name'")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NL,52.3\n", 2, "expected 6 fields")]
    [InlineData(Header + "AMS,Schiphol, Airport,Amsterdam,NL,52.3,4.76\n", 2, "expected 6 fields (iata,name,city,country,latitude,longitude), found 7; quote a field that contains a comma")]
    [InlineData(Header + "\nAMSX,Schiphol,Amsterdam,NL,52.3,4.76\n", 3, "iata: 'AMSX' is not a three-letter code")]
    [InlineData(Header + "A1S,Schiphol,Amsterdam,NL,52.3,4.76\n", 2, "iata: 'A1S'")]
    [InlineData(Header + "AMS,,Amsterdam,NL,52.3,4.76\n", 2, "name: is empty")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NLD,52.3,4.76\n", 2, "country: 'NLD' is not an ISO 3166-1 alpha-2 code")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NL,north,4.76\n", 2, "latitude: 'north' is not a number of degrees")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NL,52.3,180.5\n", 2, "longitude: 180.5 is out of range -180 to 180")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NL,90.1,4.76\n", 2, "latitude: 90.1 is out of range -90 to 90")]
    [InlineData(Header + "AMS,\"Schiphol,Amsterdam,NL,52.3,4.76\n", 2, "field 2: a quoted field is not closed")]
    [InlineData(Header + "AMS,\"Schiphol\"x,Amsterdam,NL,52.3,4.76\n", 2, "field 2: text after a closing quote")]
    [InlineData(Header + "AMS,Schi\"phol,Amsterdam,NL,52.3,4.76\n", 2, "field 2: a quote inside an unquoted field")]
    [InlineData(Header + "AMS,Schiphol,Amsterdam,NL,52.3,4.76\nams,Again,Amsterdam,NL,52.3,4.76\n", 3, "duplicate code 'AMS'; line 2 has it already")]
    public void Parse_MalformedLine_ThrowsNamingLineAndProblem(string csv, int line, string phrase)
    {
        var ex = Assert.Throws<FormatException>(() => AirportTable.Parse(new StringReader(csv)));

        Assert.StartsWith($"line {line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_EmbeddedTable_HasAmsterdamSchiphol()
    {
        var table = AirportTable.Default;

        Assert.True(table.Count > 50, $"{table.Count} entries");
        Assert.True(table.TryGet("ams", out var ams));
        Assert.Equal("Amsterdam", ams.City);
        Assert.Equal("NL", ams.Country);
        Assert.InRange(ams.Latitude, 52.25, 52.35);
        Assert.InRange(ams.Longitude, 4.70, 4.80);
    }

    [Theory]
    [InlineData("LHR", "GB")]
    [InlineData("IAD", "US")]
    [InlineData("GRU", "BR")]
    [InlineData("NRT", "JP")]
    [InlineData("SYD", "AU")]
    [InlineData("JNB", "ZA")]
    [InlineData("BER", "DE")]
    public void Default_MajorAirports_AreThere(string code, string country)
    {
        Assert.True(AirportTable.Default.TryGet(code, out var airport));
        Assert.Equal(country, airport.Country);
    }

    [Fact]
    public void Default_TwoReads_AreTheSameTable() =>
        Assert.Same(AirportTable.Default, AirportTable.Default);
}
