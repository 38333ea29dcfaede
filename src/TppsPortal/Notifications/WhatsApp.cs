using System.Text;

namespace TppsPortal.Notifications;

/// <summary>
/// WhatsApp without an API: a <c>https://wa.me/&lt;number&gt;?text=...</c> link that opens WhatsApp on the person's own
/// phone with the message filled in, to send themselves. Nothing goes through the portal's server.
/// </summary>
public static class WhatsApp
{
    public const string InvalidNumberMessage =
        "Nomor WhatsApp tidak valid. Tulis nomor ponsel Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.";

    /// <summary>
    /// An Indonesian mobile number as people write it (0812-3456-7890, +62 812 3456 7890, 62812...) as wa.me wants it:
    /// digits with the country code (6281234567890). Null when it is not a mobile number (8 to 13 digits after 0/62,
    /// starting with 8).
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var text = input.Trim();
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+'))
            {
                return null;
            }
        }
        if (text.IndexOf('+') > 0)
        {
            return null;
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        string national;
        if (digits.StartsWith("62", StringComparison.Ordinal))
        {
            national = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            if (text.StartsWith('+'))
            {
                return null;
            }
            national = digits[1..];
        }
        else
        {
            return null;
        }
        return national.StartsWith('8') && national.Length is >= 9 and <= 13 ? "62" + national : null;
    }

    /// <summary>The link; without a number WhatsApp asks whom to send it to (a group, say).</summary>
    public static string Link(string? number, string text)
    {
        var to = Normalize(number) ?? "";
        return $"https://wa.me/{to}?text={Uri.EscapeDataString(text)}";
    }

    /// <summary>How a stored number is shown: +62 812-3456-7890.</summary>
    public static string Display(string number)
    {
        if (!number.StartsWith("62", StringComparison.Ordinal) || number.Length < 10)
        {
            return number;
        }
        var national = number[2..];
        var sb = new StringBuilder("+62 ");
        sb.Append(national[..3]);
        var rest = national[3..];
        for (var i = 0; i < rest.Length; i += 4)
        {
            sb.Append('-').Append(rest.Substring(i, Math.Min(4, rest.Length - i)));
        }
        return sb.ToString();
    }
}
