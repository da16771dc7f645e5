using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using Monitor.Reporting.Pdf;
using Monitor.Reporting.Text;
using Monitor.Reporting.View;

namespace Monitor.Reporting.Html;

/// <summary>
/// <c>report.html</c>: the same sections as the PDF in one self-contained file. Charts are inline SVG
/// (replayed from the one rendering the PDF and PNGs use), tables are sortable and list every row, and a
/// site filter dims grid cells and hides table rows of other sites. A Content-Security-Policy allows
/// nothing from outside the file (no fetch, no CDN, no fonts), so opening it never touches the network.
/// </summary>
internal static partial class HtmlReport
{
    /// <summary>Writes the report as HTML.</summary>
    public static void Write(ReportDocument report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var view = report.View;
        var title = E(SafeText.Label(report.Content.Title, 120));
        output.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write($"<title>{title}</title>\n<style>{Css}</style></head>\n<body>\n");
        output.Write("<nav id=\"filter\"><label>Site: <select id=\"site-filter\"><option value=\"\">all sites</option>");
        foreach (var site in view.Palette.Sites.Concat(view.UnknownSites).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            output.Write($"<option value=\"{E(site)}\">{E(SafeText.Label(site))}</option>");
        }

        output.Write("</select></label> <span id=\"filter-count\"></span></nav>\n<main>\n");
        var chart = 0;
        foreach (var node in report.Builder.Html)
        {
            switch (node)
            {
                case HtmlHeading h:
                    output.Write($"<h{h.Level}>{E(h.Text)}</h{h.Level}>\n");
                    break;
                case HtmlParagraph p:
                    output.Write(p.Bold ? $"<p><b>{E(p.Text)}</b></p>\n" : $"<p>{E(p.Text)}</p>\n");
                    break;
                case HtmlTable t:
                    Table(output, t);
                    break;
                case HtmlFigure f:
                    chart++;
                    output.Write($"<figure class=\"chart\" data-chart=\"{E(f.Chart.Name)}\">{Svg(f.Chart.ToSvg(), $"c{chart.ToString(CultureInfo.InvariantCulture)}")}<figcaption>{E(f.Chart.Title)}</figcaption></figure>\n");
                    break;
                case HtmlGrid g:
                    Grid(output, g.View);
                    break;
            }
        }

        output.Write("</main>\n<script>\n");
        output.Write(Script);
        output.Write("\n</script>\n</body></html>\n");
    }

    private static void Table(TextWriter output, HtmlTable t)
    {
        output.Write("<table class=\"sortable\"><thead><tr>");
        foreach (var h in t.Header)
        {
            output.Write($"<th title=\"sort\">{E(h)}</th>");
        }

        output.Write("</tr></thead><tbody>\n");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var sites = t.RowSites is { } rs && i < rs.Count ? $" data-sites=\"{E(string.Join(' ', rs[i]))}\"" : string.Empty;
            output.Write($"<tr{sites}>");
            foreach (var cell in t.Rows[i])
            {
                output.Write($"<td>{E(cell)}</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody></table>\n");
    }

    private static void Grid(TextWriter output, ReportView view)
    {
        output.Write("<table id=\"grid\" class=\"sortable grid\"><thead><tr>");
        output.Write($"<th title=\"sort\">{E(view.RowWord)}</th>");
        foreach (var t in view.Targets)
        {
            output.Write($"<th title=\"sort\">{E(SafeText.Label(view.TargetLabel(t), 60))}</th>");
        }

        output.Write("</tr></thead><tbody>\n");
        foreach (var row in view.Rows)
        {
            var rowSites = view.Targets.Select(t => view.Cell(row.Key, t)?.ColourSite).OfType<string>().Distinct(StringComparer.Ordinal);
            output.Write($"<tr data-sites=\"{E(string.Join(' ', rowSites))}\"><th scope=\"row\">{E(row.Label)}</th>");
            foreach (var t in view.Targets)
            {
                var c = view.Cell(row.Key, t);
                if (c is null)
                {
                    output.Write("<td class=\"none\" data-sort=\"\">no probes</td>");
                    continue;
                }

                var fill = c.P50Ms is { } p ? HeatScale.Of(p) : Charts.SitePalette.Lost;
                var ink = HeatScale.Dark(fill) ? "#fff" : "#000";
                var sort = c.P50Ms?.ToString("0.000", CultureInfo.InvariantCulture) ?? "1e9";
                output.Write($"<td data-site=\"{E(c.ColourSite ?? string.Empty)}\" data-sort=\"{sort}\" style=\"background:{fill.ToHex()[..7]};color:{ink}\">");
                if (c.P50Ms is null)
                {
                    output.Write($"no answer<br>{c.Sent.ToString(CultureInfo.InvariantCulture)} lost</td>");
                    continue;
                }

                output.Write($"<b>{E(PdfText.Ms(c.P50Ms))}</b>{E(GridLayout.Marks(c))}<br>");
                if (c.ColourSite is { } site)
                {
                    output.Write($"<span class=\"sw\" style=\"background:{view.Palette.Css(site)}\"></span>");
                }

                output.Write(E(c.Site));
                if (c.Lost > 0)
                {
                    output.Write($"<br><small>{E(PdfText.Pct(c.LossPercent))}% lost</small>");
                }

                output.Write("</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody></table>\n");
    }

    /// <summary>An SVG document made fit to sit inline: no XML declaration, its ids prefixed so charts never share one.</summary>
    internal static string Svg(string svg, string prefix)
    {
        var body = XmlDeclaration().Replace(svg, string.Empty);
        body = Ids().Replace(body, m => $"{m.Groups[1].Value}{prefix}-{m.Groups[2].Value}");
        var open = body.IndexOf("<svg", StringComparison.Ordinal);
        if (open < 0)
        {
            return string.Empty;
        }

        body = body[open..];

        // A viewBox from the size, so CSS can scale the drawing with the page.
        var size = SvgSize().Match(body);
        var box = size.Success && !body.Contains("viewBox", StringComparison.Ordinal) ? $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"" : string.Empty;
        return string.Concat("<svg role=\"img\"", box, body.AsSpan(4));
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"^<svg[^>]*?\bwidth=""([\d.]+)""[^>]*?\bheight=""([\d.]+)""")]
    private static partial Regex SvgSize();

    [GeneratedRegex(@"(\bid=""|url\(#|href=""#)([A-Za-z_][\w.-]*)")]
    private static partial Regex Ids();

    private const string Css = """
body{font:14px/1.4 "DejaVu Sans",Verdana,sans-serif;margin:0;color:#111;background:#fff}
main{max-width:1100px;margin:0 auto;padding:8px 16px 40px}
nav#filter{position:sticky;top:0;background:#f4f4f4;border-bottom:1px solid #ccc;padding:6px 16px;z-index:2}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:15px}
table{border-collapse:collapse;margin:6px 0 14px;font-size:12px}
th,td{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
thead th{cursor:pointer;background:#fafafa;position:sticky;top:34px}
thead th.asc::after{content:" ▲"}thead th.desc::after{content:" ▼"}
table.grid td{border:1px solid #fff;min-width:56px;font-size:11px}
table.grid tbody th{font-weight:normal;white-space:nowrap}
.sw{display:inline-block;width:9px;height:9px;border:1px solid #555;margin-right:3px;vertical-align:middle}
.dim{opacity:.15}tr.hidden{display:none}
figure.chart{margin:10px 0}figure.chart svg{width:100%;height:auto;max-width:1000px}
figcaption{font-size:12px;color:#444}
""";

    private const string Script = """
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); document.body.dataset.errors = errors.join(' | '); });
  function key(cell) {
    var v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    var n = parseFloat(String(v).replace(/[^0-9.eE+\-−]/g, '').replace('−', '-'));
    return isNaN(n) ? { n: false, v: String(v).toLowerCase() } : { n: true, v: n };
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('asc');
        heads.forEach(function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = x.n && y.n ? x.v - y.v : String(x.v).localeCompare(String(y.v));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var select = document.getElementById('site-filter');
  var count = document.getElementById('filter-count');
  select.addEventListener('change', function () {
    var site = select.value, shown = 0;
    document.querySelectorAll('#grid td[data-site]').forEach(function (td) {
      td.classList.toggle('dim', site !== '' && td.dataset.site !== site);
    });
    document.querySelectorAll('table.sortable:not(#grid) tr[data-sites]').forEach(function (tr) {
      var match = site === '' || tr.dataset.sites.split(' ').indexOf(site) >= 0;
      tr.classList.toggle('hidden', !match);
      if (match) { shown++; }
    });
    count.textContent = site === '' ? '' : shown + ' table rows name ' + site;
  });
  document.body.dataset.ready = 'yes';
  document.body.dataset.charts = String(document.querySelectorAll('figure.chart svg').length);
}());
""";
}
