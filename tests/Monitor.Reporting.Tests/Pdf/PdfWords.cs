using UglyToad.PdfPig;

namespace Monitor.Reporting.Tests.Pdf;

/// <summary>A PDF's text per page, as PdfPig reads its words (joined by single spaces).</summary>
internal static class PdfWords
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))];
    }
}
