namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Splits an identity into labels (dots), parts (any other character that is not an ASCII letter or
/// digit: <c>-</c>, <c>_</c>, spaces, escapes) and runs of letters or digits. One linear pass, no regular
/// expressions; text past <see cref="MaxLength"/> characters is not looked at.
/// </summary>
internal static class IdentityTokenizer
{
    /// <summary>The longest text tokenised; real identities are host names (at most 253 characters).</summary>
    public const int MaxLength = 255;

    /// <summary>More tokens than this are not produced.</summary>
    public const int MaxTokens = 64;

    /// <summary>The labels, as the text between dots, and the tokens.</summary>
    public static (int Labels, List<IdentityToken> Tokens, List<string> LabelTexts) Tokenize(string text)
    {
        var tokens = new List<IdentityToken>();
        var labels = new List<string>();
        var length = Math.Min(text.Length, MaxLength);
        var labelStart = 0;
        var labelIndex = 0;
        for (var i = 0; i <= length; i++)
        {
            if (i == length || text[i] == '.')
            {
                if (i > labelStart)
                {
                    var label = text.Substring(labelStart, i - labelStart);
                    labels.Add(label.ToLowerInvariant());
                    AddLabel(label, labelIndex, tokens);
                    labelIndex++;
                }

                labelStart = i + 1;
            }
        }

        return (labelIndex, tokens, labels);
    }

    private static void AddLabel(string label, int labelIndex, List<IdentityToken> tokens)
    {
        // Parts: split at every character that is not an ASCII letter or digit. An escaped octet
        // (\ddd, as IdentityValue.Text writes a control character) is a separator as a whole: its
        // digits are never part of a code ("M\013ORY-2" is M, ORY, 2).
        var parts = new List<(int Start, int End)>();
        var start = -1;
        for (var i = 0; i <= label.Length; i++)
        {
            if (i + 3 < label.Length && label[i] == '\\' && char.IsAsciiDigit(label[i + 1]) && char.IsAsciiDigit(label[i + 2]) && char.IsAsciiDigit(label[i + 3]))
            {
                if (start >= 0)
                {
                    parts.Add((start, i));
                    start = -1;
                }

                i += 3;
                continue;
            }

            var alnum = i < label.Length && char.IsAsciiLetterOrDigit(label[i]);
            if (alnum && start < 0)
            {
                start = i;
            }
            else if (!alnum && start >= 0)
            {
                parts.Add((start, i));
                start = -1;
            }
        }

        for (var p = 0; p < parts.Count; p++)
        {
            var (s, e) = parts[p];
            var runs = new List<(int Start, int End, bool Letters)>();
            var runStart = s;
            for (var i = s + 1; i <= e; i++)
            {
                if (i == e || char.IsAsciiLetter(label[i]) != char.IsAsciiLetter(label[runStart]))
                {
                    runs.Add((runStart, i, char.IsAsciiLetter(label[runStart])));
                    runStart = i;
                }
            }

            for (var r = 0; r < runs.Count; r++)
            {
                if (tokens.Count >= MaxTokens)
                {
                    return;
                }

                var (rs, re, letters) = runs[r];
                var raw = label.Substring(rs, re - rs);
                var upper = letters && raw.All(char.IsAsciiLetterUpper);
                tokens.Add(new IdentityToken(raw.ToLowerInvariant(), letters, labelIndex, p, r, runs.Count, parts.Count, upper));
            }
        }
    }
}
