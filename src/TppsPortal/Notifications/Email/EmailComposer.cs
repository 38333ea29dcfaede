using System.Net;
using System.Text;
using MimeKit;
using TppsPortal.Common;

namespace TppsPortal.Notifications.Email;

/// <summary>Who a mail goes to, and the district clock their dates are written in.</summary>
public sealed record MailRecipient(string UserName, string FullName, string Email, string TimeZone, int DigestHour)
{
    public string Greeting => string.IsNullOrWhiteSpace(FullName) ? UserName : FullName;
}

/// <summary>
/// Writes the mails: Indonesian plain text and HTML (multipart/alternative) for one notification, or a daily digest
/// of several. Links are absolute (the portal address plus the notification's relative link); every piece of text
/// is HTML-encoded in the HTML part. The Message-ID is derived from the notification ids, so a mail sent again
/// after a crash carries the same id and a server or client that keeps ids can tell it is the same mail.
/// </summary>
public sealed class EmailComposer(MailOptions options)
{
    public const string ProfilePath = "akun/profil";

    public MimeMessage Single(MailRecipient to, Notification notification, DateTimeOffset now)
    {
        var link = LinkOf(notification);
        var text = new StringBuilder()
            .Append("Yth. ").Append(to.Greeting).Append(",\n\n")
            .Append(notification.Title).Append("\n\n")
            .Append(notification.Body).Append("\n\n");
        if (link is not null)
        {
            text.Append("Buka di TPPS Portal:\n").Append(link).Append("\n\n");
        }
        text.Append("Pemberitahuan ini dibuat ").Append(When(notification.CreatedAt, to.TimeZone)).Append(".\n");
        text.Append(Footer($"akun {to.UserName} di TPPS Portal memilih menerima e-mail untuk jenis pemberitahuan \"{notification.Kind.Display()}\"",
            "Untuk berhenti menerima e-mail jenis ini, atau untuk menerima satu ringkasan sehari, ubah pilihan Anda di halaman Profil & pemberitahuan:"));

        var html = new StringBuilder();
        html.Append(Paragraph("Yth. " + to.Greeting + ","));
        html.Append("<h2 style=\"font-size:18px;margin:16px 0 8px\">").Append(Encode(notification.Title)).Append("</h2>");
        html.Append(Paragraph(notification.Body));
        if (link is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(link)).Append("\" style=\"display:inline-block;padding:8px 16px;background:#1565c0;color:#ffffff;text-decoration:none;border-radius:4px\">Buka di TPPS Portal</a></p>");
            html.Append(Small("Atau salin alamat ini ke peramban: " + link));
        }
        html.Append(Small("Pemberitahuan ini dibuat " + When(notification.CreatedAt, to.TimeZone) + "."));
        html.Append(HtmlFooter($"akun {to.UserName} di TPPS Portal memilih menerima e-mail untuk jenis pemberitahuan \"{notification.Kind.Display()}\"",
            "Untuk berhenti menerima e-mail jenis ini, atau untuk menerima satu ringkasan sehari, ubah pilihan Anda di halaman"));

        var message = Message(to, "[TPPS Portal] " + notification.Title, text.ToString(), Document(notification.Title, html.ToString()), now);
        message.MessageId = $"notification-{notification.Id}@{MessageIdHost}";
        return message;
    }

    public MimeMessage Digest(MailRecipient to, IReadOnlyList<Notification> notifications, DateTimeOffset now)
    {
        if (notifications.Count == 0)
        {
            throw new ArgumentException("A digest needs at least one notification.", nameof(notifications));
        }
        var ordered = notifications.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();
        var subject = $"Ringkasan harian TPPS Portal: {ordered.Count} pemberitahuan baru";
        var intro = ordered.Count == 1
            ? "Ada 1 pemberitahuan baru untuk Anda di TPPS Portal sejak ringkasan sebelumnya."
            : $"Ada {ordered.Count} pemberitahuan baru untuk Anda di TPPS Portal sejak ringkasan sebelumnya.";
        var hour = $"{IndonesianFormat.Time(new TimeOnly(to.DigestHour, 0))} {to.TimeZone}";
        var why = $"akun {to.UserName} di TPPS Portal memilih \"Ringkasan harian\": satu e-mail sehari sekitar pukul {hour} berisi semua pemberitahuan baru";

        var text = new StringBuilder().Append("Yth. ").Append(to.Greeting).Append(",\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder().Append(Paragraph("Yth. " + to.Greeting + ",")).Append(Paragraph(intro));
        html.Append("<ol style=\"padding-left:20px\">");
        for (var i = 0; i < ordered.Count; i++)
        {
            var n = ordered[i];
            var link = LinkOf(n);
            text.Append(i + 1).Append(". ").Append(n.Title).Append('\n')
                .Append("   ").Append(n.Kind.Display()).Append(", ").Append(When(n.CreatedAt, to.TimeZone)).Append('\n')
                .Append(Indent(n.Body)).Append('\n');
            if (link is not null)
            {
                text.Append("   ").Append(link).Append('\n');
            }
            text.Append('\n');

            html.Append("<li style=\"margin-bottom:16px\">");
            html.Append("<strong>").Append(link is null ? Encode(n.Title) : $"<a href=\"{Encode(link)}\">{Encode(n.Title)}</a>").Append("</strong><br>");
            html.Append("<span style=\"color:#555555;font-size:13px\">").Append(Encode(n.Kind.Display() + ", " + When(n.CreatedAt, to.TimeZone))).Append("</span><br>");
            html.Append(EncodeLines(n.Body));
            html.Append("</li>");
        }
        html.Append("</ol>");
        text.Append(Footer(why, "Untuk menerima satu e-mail per pemberitahuan, atau untuk berhenti menerima jenis tertentu, ubah pilihan Anda di halaman Profil & pemberitahuan:"));
        html.Append(HtmlFooter(why, "Untuk menerima satu e-mail per pemberitahuan, atau untuk berhenti menerima jenis tertentu, ubah pilihan Anda di halaman"));

        var message = Message(to, subject, text.ToString(), Document(subject, html.ToString()), now);
        // The same set of notifications gives the same id, so a digest sent again after a crash is recognisable.
        message.MessageId = $"digest-{ordered.Min(n => n.Id)}-{ordered.Max(n => n.Id)}-{ordered.Count}@{MessageIdHost}";
        return message;
    }

    /// <summary>The absolute address of a portal path ("rapat/12" -> "https://portal/rapat/12").</summary>
    public string Absolute(string relative) => new Uri(options.PortalBase, relative.TrimStart('/')).AbsoluteUri;

    private string? LinkOf(Notification n) => string.IsNullOrWhiteSpace(n.Link) ? null : Absolute(n.Link);

    private string MessageIdHost => options.PortalBase.Host;

    /// <summary>"Rabu, 2 Desember 2026 pukul 09.00 WITA".</summary>
    internal static string When(DateTimeOffset at, string timeZone)
    {
        var local = at.ToOffset(TimeSpan.FromHours(Meetings.MeetingService.OffsetHours(timeZone)));
        return $"{IndonesianFormat.DayAndDate(DateOnly.FromDateTime(local.DateTime))} pukul {IndonesianFormat.Time(TimeOnly.FromDateTime(local.DateTime))} {timeZone}";
    }

    private MimeMessage Message(MailRecipient to, string subject, string text, string html, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress ?? throw new InvalidOperationException("Mail:FromAddress is not set.")));
        message.To.Add(new MailboxAddress(to.Greeting, to.Email));
        message.Subject = subject;
        message.Date = now;
        // RFC 3834: out-of-office robots should not answer a mail nobody reads.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = html },
        };
        return message;
    }

    private string Footer(string why, string how) =>
        $"\n-- \nAnda menerima e-mail ini karena {why}.\n{how}\n{Absolute(ProfilePath)}\nE-mail ini dikirim otomatis oleh TPPS Portal; balasan ke alamat ini tidak dibaca.\n";

    private string HtmlFooter(string why, string how)
    {
        var profile = Absolute(ProfilePath);
        return "<hr style=\"border:none;border-top:1px solid #dddddd;margin:24px 0 12px\">"
               + "<p style=\"color:#555555;font-size:12px\">Anda menerima e-mail ini karena " + Encode(why) + ".<br>"
               + Encode(how) + " <a href=\"" + Encode(profile) + "\">Profil &amp; pemberitahuan</a> (" + Encode(profile) + ").<br>"
               + "E-mail ini dikirim otomatis oleh TPPS Portal; balasan ke alamat ini tidak dibaca.</p>";
    }

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>" + Encode(title) + "</title></head>"
        + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222222;max-width:640px\">"
        + body + "</body></html>";

    private static string Paragraph(string text) => "<p>" + EncodeLines(text) + "</p>";

    private static string Small(string text) => "<p style=\"color:#555555;font-size:13px\">" + EncodeLines(text) + "</p>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string EncodeLines(string text) => Encode(text.ReplaceLineEndings("\n")).Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Indent(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => "   " + line));
}
