using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>A row of the <c>targets</c> table as Dapper reads it.</summary>
internal sealed class TargetRow
{
    public string Id { get; set; } = string.Empty;

    public string Provider { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public long Port { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Transport { get; set; } = string.Empty;

    public string QName { get; set; } = string.Empty;

    public long QClass { get; set; }

    public long QType { get; set; }

    public long Rd { get; set; }

    public long Identity { get; set; }

    public long? TimeoutUs { get; set; }

    public string? Sites { get; set; }

    public string? ProbeOptions { get; set; }

    public Target ToTarget() => Sql.ProbeOptions.Apply(BaseTarget(), ProbeOptions);

    private Target BaseTarget() => new(Id, System.Net.IPAddress.Parse(Address))
    {
        Provider = Provider,
        Port = (int)Port,
        Kind = Enum.Parse<TargetKind>(Kind, ignoreCase: true),
        Transport = Enum.Parse<Transport>(Transport, ignoreCase: true),
        Query = new DnsQuestion(QName.Length == 0 ? "." : QName, (ushort)QClass, (ushort)QType),
        RecursionDesired = Rd != 0,
        Identity = (IdentityMethods)Identity,
        Timeout = TimeoutUs is { } t ? UnixTime.DurationFromMicroseconds(t) : null,
        Sites = TargetSites.Parse(Sites),
    };
}
