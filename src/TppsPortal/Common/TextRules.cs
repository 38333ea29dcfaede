using System.Buffers;

namespace TppsPortal.Common;

/// <summary>
/// Rules for text people type or paste. Bidirectional control characters (the embeddings, overrides and isolates
/// U+202A..U+202E and U+2066..U+2069, the marks U+200E, U+200F and U+061C) are <b>stripped</b>, never stored: a
/// right-to-left override (U+202E) turns "Budi<sup>RLO</sup>fdp.exe" into a spoofed name on every page and in every
/// PDF. Stripping rather than refusing, because phones put the marks into Arabic text by themselves and a person
/// cannot see, let alone remove, them; without them the Unicode bidirectional algorithm still shows Arabic right to
/// left. Applied to every string an entity saves (<see cref="Data.TextInterceptor"/>) and to bulk writes that
/// bypass EF (the area import).
/// </summary>
public static class TextRules
{
    private static readonly SearchValues<char> BidiControls =
        SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    /// <summary>Whether <paramref name="c"/> is a bidirectional control character.</summary>
    public static bool IsBidiControl(char c) => BidiControls.Contains(c);

    /// <summary>Whether the text holds a bidirectional control character.</summary>
    public static bool HasBidiControls(ReadOnlySpan<char> text) => text.ContainsAny(BidiControls);

    /// <summary>The text without bidirectional control characters (the same instance when it has none).</summary>
    public static string StripBidiControls(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasBidiControls(text))
        {
            return text;
        }
        return string.Create(text.Length - Count(text), text, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!BidiControls.Contains(c))
                {
                    span[i++] = c;
                }
            }
        });
    }

    private static int Count(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (BidiControls.Contains(c))
            {
                count++;
            }
        }
        return count;
    }
}
