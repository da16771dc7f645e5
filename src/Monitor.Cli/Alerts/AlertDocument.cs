using System.Text;
using System.Text.Json;

using Monitor.Core.Text;

namespace Monitor.Cli.Alerts;

/// <summary>
/// The JSON document a receiver gets: Alertmanager's webhook payload (version 4) holding one alert,
/// so that tools reading Alertmanager webhooks read it too. Times are UTC ISO 8601; a firing alert's
/// <c>endsAt</c> is <c>0001-01-01T00:00:00Z</c>, as Alertmanager writes it.
/// </summary>
public static class AlertDocument
{
    /// <summary>The <c>endsAt</c> of an alert still firing.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>The document for <paramref name="alert"/> sent to <paramref name="receiver"/>, as UTF-8 JSON.</summary>
    public static byte[] Write(Alert alert, string receiver)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(receiver);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var group = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = alert.Name };
            json.WriteStartObject();
            json.WriteString("version", "4");
            json.WriteString("groupKey", $"{{}}:{{alertname=\"{alert.Name}\"}}");
            json.WriteNumber("truncatedAlerts", 0);
            json.WriteString("status", alert.Status);
            json.WriteString("receiver", receiver);
            Map(json, "groupLabels", group);
            Map(json, "commonLabels", alert.Labels);
            Map(json, "commonAnnotations", alert.Annotations);
            json.WriteString("externalURL", string.Empty);
            json.WriteStartArray("alerts");
            json.WriteStartObject();
            json.WriteString("status", alert.Status);
            Map(json, "labels", alert.Labels);
            Map(json, "annotations", alert.Annotations);
            json.WriteString("startsAt", OutputWords.Utc(alert.StartsAt));
            json.WriteString("endsAt", alert.EndsAt is { } end ? OutputWords.Utc(end) : ZeroTime);
            json.WriteString("generatorURL", string.Empty);
            json.WriteString("fingerprint", alert.Fingerprint);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The document as text (tests, the README's example).</summary>
    public static string WriteText(Alert alert, string receiver) => Encoding.UTF8.GetString(Write(alert, receiver));

    private static void Map(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
