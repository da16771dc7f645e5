namespace Monitor.Core.Domain;

/// <summary>The identity a server gave in one probe, by each method asked; null where not asked or not given.</summary>
public sealed record ObservedIdentity(IdentityValue? IdServer, IdentityValue? HostnameBind, IdentityValue? Nsid)
{
    /// <summary>No identity.</summary>
    public static ObservedIdentity None { get; } = new(null, null, null);

    /// <summary>True when no method gave an identity.</summary>
    public bool IsEmpty => IdServer is null && HostnameBind is null && Nsid is null;

    /// <summary>
    /// A compact label naming every method that answered, e.g. <c>id.server=ams1 nsid=ams1.example</c>,
    /// or the empty string.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (IdServer is not null)
        {
            parts.Add($"id.server={IdServer.Text}");
        }

        if (HostnameBind is not null)
        {
            parts.Add($"hostname.bind={HostnameBind.Text}");
        }

        if (Nsid is not null)
        {
            parts.Add($"nsid={Nsid.Text}");
        }

        return string.Join(' ', parts);
    }
}
