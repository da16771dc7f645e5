using SkiaSharp;

namespace Monitor.Reporting;

/// <summary>
/// DejaVu Sans, embedded in this assembly (see <c>Fonts/README.md</c>) and used for every chart and PDF,
/// so reports render the same on a server without fonts (where ScottPlot would otherwise draw no text
/// at all, without an error).
/// </summary>
public static class ReportFonts
{
    /// <summary>The family name charts and PDFs use.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("Monitor.Reporting.DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("Monitor.Reporting.DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The regular face.</summary>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>The bold face.</summary>
    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>Makes the embedded faces ScottPlot's first choice for every font name. Idempotent, thread-safe.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            ScottPlot.Fonts.Default = Family;
            ScottPlot.Fonts.Sans = Family;
            _registered = true;
        }
    }

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded font {resource} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The embedded font {resource} could not be read.");
    }
}
