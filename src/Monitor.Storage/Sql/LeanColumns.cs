using NpgsqlTypes;

namespace Monitor.Storage.Sql;

/// <summary>
/// The columns of the lean <c>measurements</c> table (migration 0006), in INSERT and SELECT order,
/// their ordinals and PostgreSQL types, and the bits of its <c>flags</c> column.
/// </summary>
internal static class LeanColumns
{
    public const int Series = 0;
    public const int Started = 1;
    public const int Seq = 2;
    public const int Round = 3;
    public const int Outcome = 4;
    public const int Kind = 5;
    public const int Flags = 6;
    public const int Rtt = 7;
    public const int Rcode = 8;
    public const int ResponseSize = 9;
    public const int IdServer = 10;
    public const int HostnameBind = 11;
    public const int Nsid = 12;
    public const int IdentityRtt = 13;
    public const int Discarded = 14;
    public const int Transport = 15;
    public const int Connection = 16;
    public const int ConnectTime = 17;
    public const int TlsTime = 18;
    public const int Reconnects = 19;
    public const int SoaSerial = 20;
    public const int Address = 21;
    public const int Site = 22;
    public const int Answers = 23;
    public const int Error = 24;

    /// <summary>The integer columns (all but <c>uid</c>, which comes last).</summary>
    public const int IntegerCount = 25;

    /// <summary>The <c>uid</c> column: the stable id of an imported measurement, NULL otherwise.</summary>
    public const int Uid = 25;

    public const int Count = 26;

    public const int Truncated = 1;
    public const int DnssecAsked = 2;
    public const int AuthenticData = 4;
    public const int RrsigSeen = 8;

    /// <summary>Written in a round (<c>round</c> names it) but the measurement named none.</summary>
    public const int NoRoundId = 16;

    /// <summary>Names, in order.</summary>
    public static readonly string[] Names =
    [
        "series_id", "started_us", "seq", "round", "outcome", "kind", "flags", "rtt_us", "rcode", "response_size",
        "id_server", "hostname_bind", "nsid", "identity_rtt_us", "discarded", "transport", "connection", "connect_us",
        "tls_us", "reconnects", "soa_serial", "address", "site", "answers", "error", "uid",
    ];

    /// <summary>PostgreSQL's column types, in order (as migration 0006 makes them).</summary>
    public static readonly NpgsqlDbType[] PostgresTypes =
    [
        NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Smallint, NpgsqlDbType.Bigint, NpgsqlDbType.Smallint,
        NpgsqlDbType.Smallint, NpgsqlDbType.Smallint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Integer,
        NpgsqlDbType.Smallint, NpgsqlDbType.Smallint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer,
        NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        NpgsqlDbType.Uuid,
    ];

    /// <summary>The column list.</summary>
    public static string List { get; } = string.Join(", ", Names);
}
