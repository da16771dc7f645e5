namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// IATA metropolitan-area codes that name a city rather than an airport (<c>LON</c> for all London
/// airports), which operators use as site names. Hand-made for Monitor: city-centre coordinates to
/// about 1 km, not taken from any data set. A code that is also an airport in the CSV (e.g. <c>BER</c>)
/// resolves to the airport.
/// </summary>
internal static class MetropolitanCodes
{
    /// <summary>The entries, keyed by upper-case code.</summary>
    public static IReadOnlyDictionary<string, Airport> All { get; } = new Airport[]
    {
        new("BER", "Berlin metropolitan area", "Berlin", "DE", 52.52, 13.405),
        new("BHZ", "Belo Horizonte metropolitan area", "Belo Horizonte", "BR", -19.9167, -43.9345),
        new("BJS", "Beijing metropolitan area", "Beijing", "CN", 39.9042, 116.4074),
        new("BUE", "Buenos Aires metropolitan area", "Buenos Aires", "AR", -34.6037, -58.3816),
        new("BUH", "Bucharest metropolitan area", "Bucharest", "RO", 44.4268, 26.1025),
        new("CHI", "Chicago metropolitan area", "Chicago", "US", 41.8781, -87.6298),
        new("DTT", "Detroit metropolitan area", "Detroit", "US", 42.3314, -83.0458),
        new("JKT", "Jakarta metropolitan area", "Jakarta", "ID", -6.2088, 106.8456),
        new("LON", "London metropolitan area", "London", "GB", 51.5074, -0.1278),
        new("MMA", "Malmö metropolitan area", "Malmö", "SE", 55.605, 13.0038),
        new("MIL", "Milan metropolitan area", "Milan", "IT", 45.4642, 9.19),
        new("MOW", "Moscow metropolitan area", "Moscow", "RU", 55.7558, 37.6173),
        new("NYC", "New York metropolitan area", "New York", "US", 40.7128, -74.006),
        new("OSA", "Osaka metropolitan area", "Osaka", "JP", 34.6937, 135.5023),
        new("PAR", "Paris metropolitan area", "Paris", "FR", 48.8566, 2.3522),
        new("REK", "Reykjavík metropolitan area", "Reykjavík", "IS", 64.1466, -21.9426),
        new("RIO", "Rio de Janeiro metropolitan area", "Rio de Janeiro", "BR", -22.9068, -43.1729),
        new("ROM", "Rome metropolitan area", "Rome", "IT", 41.9028, 12.4964),
        new("SAO", "São Paulo metropolitan area", "São Paulo", "BR", -23.5505, -46.6333),
        new("SEL", "Seoul metropolitan area", "Seoul", "KR", 37.5665, 126.978),
        new("SPK", "Sapporo metropolitan area", "Sapporo", "JP", 43.0618, 141.3545),
        new("STO", "Stockholm metropolitan area", "Stockholm", "SE", 59.3293, 18.0686),
        new("TYO", "Tokyo metropolitan area", "Tokyo", "JP", 35.6895, 139.6917),
        new("WAS", "Washington metropolitan area", "Washington", "US", 38.9072, -77.0369),
        new("YEA", "Edmonton metropolitan area", "Edmonton", "CA", 53.5461, -113.4938),
        new("YMQ", "Montreal metropolitan area", "Montreal", "CA", 45.5017, -73.5673),
        new("YTO", "Toronto metropolitan area", "Toronto", "CA", 43.6532, -79.3832),
    }.ToDictionary(a => a.Iata, StringComparer.Ordinal);
}
