using System.Text;

namespace Monitor.Core.Analysis.Interception;

/// <summary>
/// The shape of an identity string, so that an operator's many nodes compare equal and a stranger's
/// answer does not: lower-case letters become <c>a</c>, upper-case <c>A</c>, digits <c>9</c>, each run
/// collapsed to one; other characters stay; and for names of three or more labels the last two labels
/// stay as written (lower-cased), since they name the operator's domain. <c>res200.vie.rrdns.pch.net</c>
/// → <c>a9.a.a.pch.net</c>, <c>JNB</c> → <c>A</c>, <c>gpdns-bud</c> → <c>a-a</c>.
/// </summary>
public static class IdentityShape
{
    /// <summary>The shape of an answer without an identity.</summary>
    public const string NoIdentity = "(none)";

    /// <summary>The shape of an empty identity string.</summary>
    public const string Empty = "(empty)";

    /// <summary>The shape of <paramref name="text"/> (an escaped identity, <see cref="Domain.IdentityValue.Text"/>).</summary>
    public static string Of(string? text)
    {
        if (text is null)
        {
            return NoIdentity;
        }

        if (text.Length == 0)
        {
            return Empty;
        }

        var labels = text.Split('.');
        var patterned = labels.Length >= 3 ? string.Join('.', labels[..^2]) : text;
        var shape = new StringBuilder(patterned.Length + 16);
        var last = '\0';
        foreach (var c in patterned)
        {
            var mapped = c switch
            {
                >= 'a' and <= 'z' => 'a',
                >= 'A' and <= 'Z' => 'A',
                >= '0' and <= '9' => '9',
                _ => c,
            };
            if (mapped != last || mapped is not ('a' or 'A' or '9'))
            {
                shape.Append(mapped);
            }

            last = mapped;
        }

        if (labels.Length >= 3)
        {
            shape.Append('.').Append(labels[^2].ToLowerInvariant()).Append('.').Append(labels[^1].ToLowerInvariant());
        }

        return shape.ToString();
    }
}
