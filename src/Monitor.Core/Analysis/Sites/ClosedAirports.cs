namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Codes of airports that closed (or lost their code to a successor) but that operators keep in node
/// names, mapped to the city they served. Not in <c>airports.csv</c>, which holds airports with
/// scheduled service only, nor in <c>airports-unscheduled.csv</c> (OurAirports keeps closed fields
/// under their last code only while the code is not reused; it has DKR, ULN and YMX, not these).
/// Hand-made for Monitor from the airports' Wikipedia articles (dates of closure there; coordinates
/// of the airfield to about 1 km). Only codes no open airport uses.
/// </summary>
internal static class ClosedAirports
{
    /// <summary>The entries, keyed by upper-case code.</summary>
    public static IReadOnlyDictionary<string, Airport> All { get; } = new Airport[]
    {
        // Berlin Tegel "Otto Lilienthal", closed 8 November 2020 when BER opened.
        new("TXL", "Berlin Tegel Airport (closed 2020)", "Berlin", "DE", 52.5597, 13.2877),
        // Berlin Tempelhof, closed 30 October 2008.
        new("THF", "Berlin Tempelhof Airport (closed 2008)", "Berlin", "DE", 52.4731, 13.4039),
        // Berlin Schönefeld, became BER Terminal 5 on 25 October 2020; the code was retired.
        new("SXF", "Berlin Schönefeld Airport (merged into BER 2020)", "Berlin", "DE", 52.38, 13.5225),
        // Oslo Fornebu, closed 7 October 1998 when Gardermoen (OSL) opened.
        new("FBU", "Oslo Fornebu Airport (closed 1998)", "Oslo", "NO", 59.8958, 10.6172),
    }.ToDictionary(a => a.Iata, StringComparer.Ordinal);
}
