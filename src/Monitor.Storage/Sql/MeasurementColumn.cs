namespace Monitor.Storage.Sql;

/// <summary>Column positions in the store's measurement SELECT.</summary>
internal static class MeasurementColumn
{
    public const int Id = 0;
    public const int RoundId = 1;
    public const int Vantage = 2;
    public const int Target = 3;
    public const int Started = 4;
    public const int Outcome = 5;
    public const int Rtt = 6;
    public const int Rcode = 7;
    public const int ResponseSize = 8;
    public const int Truncated = 9;
    public const int IdServer = 10;
    public const int HostnameBind = 11;
    public const int Nsid = 12;
    public const int IdentityRtt = 13;
    public const int Discarded = 14;
    public const int Error = 15;
    public const int Kind = 16;
    public const int SiteId = 17;
    public const int Answers = 18;
    public const int Transport = 19;
    public const int Address = 20;
    public const int Connection = 21;
    public const int ConnectTime = 22;
    public const int TlsTime = 23;
    public const int Reconnects = 24;
    public const int DnssecFlags = 25;
    public const int SoaSerial = 26;
}
