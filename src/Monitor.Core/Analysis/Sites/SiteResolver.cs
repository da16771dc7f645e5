using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Turns node identities into <see cref="Site"/>s through a <see cref="SiteEngine"/> — the entry point
/// analysis has used since before the engine; <see cref="Engine"/> gives the full
/// <see cref="SiteIdentification"/> with confidence and evidence. Rules other than <see cref="DefaultRules"/>
/// (a rule file) are tried first and override built-in conventions of the same name; the built-in ones and
/// the engine's generic method follow. Hostile text never throws (see <see cref="SiteEngine"/>); results are
/// cached per distinct identity. Safe to use from several threads.
/// </summary>
public sealed class SiteResolver
{
    /// <summary>Identity text longer than this is never read, and resolves to an unparsed site.</summary>
    public const int MaxTextLength = SiteEngine.MaxTextLength;

    /// <summary>Creates a resolver.</summary>
    /// <param name="rules">The rules: <see cref="DefaultRules"/>, or a rule file's rules, which then come first.</param>
    /// <param name="airports">The table codes are looked up in, usually <see cref="AirportTable.Default"/>.</param>
    /// <exception cref="ArgumentException">A rule is null, unnamed, or its pattern is invalid or has no <c>code</c> group.</exception>
    public SiteResolver(IReadOnlyList<SiteRule> rules, AirportTable airports)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(airports);
        var reference = ReferenceEquals(airports, AirportTable.Default) ? SiteReference.Default : new SiteReference(airports, LocodeTable.Default);
        IReadOnlyList<SiteRule> all = ReferenceEquals(rules, DefaultRules)
            ? rules
            : [.. rules, .. DefaultRules.Where(builtIn => !rules.Any(r => r is not null && string.Equals(r.Name, builtIn.Name, StringComparison.Ordinal)))];
        Engine = new SiteEngine(all, reference);
        Rules = [.. rules];
    }

    /// <summary>The built-in operator conventions, the same as <c>probes/sites.yaml</c>: <see cref="OperatorConventions.Rules"/>.</summary>
    public static IReadOnlyList<SiteRule> DefaultRules => OperatorConventions.Rules;

    /// <summary>The rules given, in the order they are tried (built-in conventions follow them).</summary>
    public IReadOnlyList<SiteRule> Rules { get; }

    /// <summary>The engine behind this resolver.</summary>
    public SiteEngine Engine { get; }

    /// <summary>
    /// Loads the built-in reference tables (airports, UN/LOCODE, operators' node lists) and rules now; a command
    /// runs it on another thread while its database opens (they take ~0.4 s of one core to parse).
    /// </summary>
    public static void WarmUp()
    {
        _ = SiteReference.Default;
        _ = DefaultRules;
    }

    /// <summary>A resolver with <see cref="DefaultRules"/> and <see cref="AirportTable.Default"/>.</summary>
    public static SiteResolver CreateDefault() => new(DefaultRules, AirportTable.Default);

    /// <summary>
    /// The site of an observed identity (see <see cref="SiteEngine.Identify(ObservedIdentity, string?, PhysicsContext?)"/>):
    /// the most confident of NSID, <c>id.server</c> and <c>hostname.bind</c>, or an unparsed site whose code is
    /// the first answered method's escaped text; empty when there was none.
    /// </summary>
    /// <param name="identity">The identity.</param>
    public Site Resolve(ObservedIdentity identity) => Engine.Identify(identity).Site;

    /// <summary>The site one identity string names, or an unparsed site whose code is <paramref name="text"/> as given.</summary>
    /// <param name="text">The identity text, e.g. <see cref="IdentityValue.Text"/>.</param>
    /// <param name="source">The method that gave it; <see cref="IdentitySource.Any"/> means unknown, and every rule applies.</param>
    public Site Resolve(string text, IdentitySource source = IdentitySource.Any) => Engine.Identify(text, source).Site;
}
