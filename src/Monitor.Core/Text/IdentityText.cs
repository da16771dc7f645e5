using Monitor.Core.Domain;

namespace Monitor.Core.Text;

/// <summary>Reads identity methods written as <c>nsid,id.server,hostname.bind</c> or <c>none</c>.</summary>
public static class IdentityText
{
    /// <summary>The word that asks for no identity method.</summary>
    public const string NoneName = "none";

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
            if (items.Length == 1 && string.Equals(item, NoneName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!TryParseMethod(item, out var method))
            {
                error = $"--identity: unknown method '{item}'; use nsid, id.server, hostname.bind (comma-separated) or none";
                return false;
            }

            methods |= method;
        }

        return true;
    }

    /// <summary>Reads one method name, <c>nsid</c>, <c>id.server</c> or <c>hostname.bind</c>, in any case.</summary>
    public static bool TryParseMethod(string name, out IdentityMethods method)
    {
        method = name.ToLowerInvariant() switch
        {
            "nsid" => IdentityMethods.Nsid,
            "id.server" => IdentityMethods.IdServer,
            "hostname.bind" => IdentityMethods.HostnameBind,
            _ => IdentityMethods.None,
        };
        return method != IdentityMethods.None;
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
