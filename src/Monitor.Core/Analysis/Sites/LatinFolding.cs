using System.Text;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// Latin letters with diacritics folded to ASCII (<c>ã</c> → <c>a</c>, <c>ß</c> → <c>ss</c>) by table, so place
/// names read the same with or without ICU: the build runs in invariant globalization mode, where
/// <see cref="string.Normalize()"/> does not decompose <c>São Paulo</c>. Covers Latin-1 Supplement, Latin
/// Extended-A and -B, the combining diacritical marks and Latin Extended Additional (Vietnamese): the
/// scripts of the airport and UN/LOCODE names in <c>probes/data</c>. The tables hold the first ASCII letter
/// of each character's canonical decomposition (Unicode), plus the letters that have none
/// (<c>ø ł đ ð ı ħ ŧ ŋ</c>) and the ligatures.
/// </summary>
internal static class LatinFolding
{
    // U+00C0 … U+024F: the ASCII letter, ' ' for a character with none, '*' for a ligature (see Ligature).
    private const string Latin = "aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y"
        + "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
        + "lllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz "
        + "                  f             oo             uu               "
        + "             aaiioouuuuuuuuuu aaaa    ggkkoooo  j   gg  nnaa    "
        + "aaaaeeeeiiiioooorrrruuuusstt  hh      aaeeooooooooyy            "
        + "                ";

    // U+1E00 … U+1EFF, the same way.
    private const string Additional = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
        + "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
        + "wwwwwwwwwwxxxxyyzzzzzzhtwy      aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
        + "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy      ";

    /// <summary>
    /// Appends the lower-case ASCII letters <paramref name="c"/> folds to (one or two; none for a combining
    /// mark) and returns true, or returns false, appending nothing, when it is not a Latin letter.
    /// </summary>
    public static bool TryAppend(char c, StringBuilder sb)
    {
        if (char.IsAsciiLetter(c))
        {
            sb.Append(char.ToLowerInvariant(c));
            return true;
        }

        if (c is >= '\u0300' and <= '\u036F')
        {
            return true;
        }

        var folded = c switch
        {
            >= '\u00C0' and <= '\u024F' => Latin[c - '\u00C0'],
            >= '\u1E00' and <= '\u1EFF' => Additional[c - '\u1E00'],
            _ => ' ',
        };
        if (folded == '*' && Ligature(c) is { } pair)
        {
            sb.Append(pair);
            return true;
        }

        if (folded is ' ' or '*')
        {
            return false;
        }

        sb.Append(folded);
        return true;
    }

    private static string? Ligature(char c) => c switch
    {
        'ß' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'þ' or 'Þ' => "th",
        'ĳ' or 'Ĳ' => "ij",
        _ => null,
    };
}
