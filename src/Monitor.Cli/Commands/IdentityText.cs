using Monitor.Core.Domain;

namespace Monitor.Cli.Commands;

/// <summary>Reads identity methods written as <c>nsid,id.server,hostname.bind</c> or <c>none</c>.</summary>
internal static class IdentityText
{
    /// <summary>Parses a comma-separated list of methods.</summary>
    public static bool TryParse(string text, out IdentityMethods methods, out string error)
    {
        methods = IdentityMethods.None;
        error = string.Empty;
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            error = "--identity is empty; use nsid, id.server, hostname.bind (comma-separated) or none";
            return false;
        }

        foreach (var item in items)
        {
            switch (item.ToLowerInvariant())
            {
                case "none" when items.Length == 1:
                    return true;
                case "nsid":
                    methods |= IdentityMethods.Nsid;
                    break;
                case "id.server":
                    methods |= IdentityMethods.IdServer;
                    break;
                case "hostname.bind":
                    methods |= IdentityMethods.HostnameBind;
                    break;
                default:
                    error = $"--identity: unknown method '{item}'; use nsid, id.server, hostname.bind (comma-separated) or none";
                    return false;
            }
        }

        return true;
    }

    /// <summary>Formats methods as they are parsed.</summary>
    public static string Format(IdentityMethods methods)
    {
        if (methods == IdentityMethods.None)
        {
            return "none";
        }

        var names = new List<string>(3);
        if (methods.HasFlag(IdentityMethods.Nsid))
        {
            names.Add("nsid");
        }

        if (methods.HasFlag(IdentityMethods.IdServer))
        {
            names.Add("id.server");
        }

        if (methods.HasFlag(IdentityMethods.HostnameBind))
        {
            names.Add("hostname.bind");
        }

        return string.Join(',', names);
    }
}
