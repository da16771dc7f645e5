namespace Monitor.Storage.Sql;

/// <summary>The identity set of a row: its numbers into <c>identities</c> (id.server, hostname.bind, NSID) and <c>texts</c> (site), -1 for none.</summary>
internal readonly record struct SiteKey(int IdServer, int HostnameBind, int Nsid, int Site) : IComparable<SiteKey>
{
    /// <inheritdoc />
    public int CompareTo(SiteKey other)
    {
        var c = IdServer.CompareTo(other.IdServer);
        if (c == 0)
        {
            c = HostnameBind.CompareTo(other.HostnameBind);
        }

        if (c == 0)
        {
            c = Nsid.CompareTo(other.Nsid);
        }

        return c != 0 ? c : Site.CompareTo(other.Site);
    }
}
