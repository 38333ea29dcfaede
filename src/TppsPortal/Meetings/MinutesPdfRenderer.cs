using System.Globalization;
using QRCoder;
using TppsPortal.Pdf;

namespace TppsPortal.Meetings;

/// <summary>
/// Draws a <see cref="MinutesDocument"/> or an <see cref="AttendanceSheetDocument"/> as an A4 PDF with the
/// composer in <c>Pdf/</c>. It decides only how things look; what they say comes from the document model.
/// </summary>
public static class MinutesPdfRenderer
{
    public static readonly PdfMargins Margins = PdfMargins.Mm(18, 20, 18, 25);
    private static readonly TextStyle Normal = TextStyle.Default with { Size = 11 };
    private static readonly TextStyle Bold = Normal.AsBold();
    private static readonly TextStyle Small = Normal with { Size = 9 };
    private static readonly TextStyle Table = Normal with { Size = 10 };

    public static byte[] Render(MinutesDocument doc) => Compose(doc).ToBytes();

    /// <summary>The composed (not yet laid out) minutes: for benchmarks that time layout and drawing apart.</summary>
    public static PdfDocumentBuilder Compose(MinutesDocument doc)
    {
        var builder = Setup(doc.Letterhead, doc.Info, $"Notulen: {doc.Subtitle}", doc.StatusNote.StartsWith("DRAF", StringComparison.Ordinal), doc.Verification);
        builder.Content(c =>
        {
            c.Paragraph(doc.Title, Bold with { Size = 13, Underline = true }, TextAlign.Center)
             .Paragraph(doc.Subtitle, Bold, TextAlign.Center);
            if (doc.IsExample)
            {
                c.Paragraph("Data contoh untuk demo.", Small with { Italic = true }, TextAlign.Center);
            }
            if (doc.StatusNote.StartsWith("DRAF", StringComparison.Ordinal) || doc.Amendments.Count > 0)
            {
                c.Paragraph(doc.StatusNote, Small with { Color = PdfColor.FromHex("#B00020") }, TextAlign.Center);
            }
            c.Spacing(10);
            Particulars(c, doc.Particulars);
            if (doc.AgencyAttendance.Count > 0)
            {
                c.Spacing(4).Paragraph(p => p.Text("Kehadiran instansi yang diundang:", Normal).SpaceAfter(2).KeepWithNext());
                Particulars(c, doc.AgencyAttendance);
            }

            var section = 'A';
            if (!string.IsNullOrWhiteSpace(doc.Purpose))
            {
                Heading(c, ref section, "Latar belakang dan tujuan");
                Prose(c, doc.Purpose);
            }
            if (doc.Agenda.Count > 0)
            {
                Heading(c, ref section, "Acara");
                Numbered(c, doc.Agenda.Select((a, i) => (i + 1, a)));
            }
            if (doc.Speakers.Count > 0)
            {
                Heading(c, ref section, "Narasumber");
                Numbered(c, doc.Speakers.Select((s, i) => (i + 1, Join(s.Name, s.Position, s.Origin) + (string.IsNullOrWhiteSpace(s.Topic) ? "" : ": " + s.Topic))));
            }
            if (doc.Proceedings.Count > 0)
            {
                Heading(c, ref section, "Jalannya rapat");
                foreach (var p in doc.Proceedings)
                {
                    c.Paragraph(pp => pp.Text(p.Heading, Bold).SpaceBefore(4).SpaceAfter(2).KeepWithNext());
                    Prose(c, p.Text);
                }
            }
            Heading(c, ref section, "Kesimpulan / keputusan");
            if (doc.Decisions.Count == 0)
            {
                c.Paragraph("Tidak ada keputusan yang dicatat.", Normal);
            }
            else
            {
                Numbered(c, doc.Decisions.Select(d => (d.Number, d.Text + (d.Bidang is null ? "" : $" (Bidang: {d.Bidang})"))));
            }
            Heading(c, ref section, "Rencana tindak lanjut");
            ActionTable(c, doc.Actions, "Tidak ada rencana tindak lanjut.");
            if (doc.CarriedOver.Count > 0)
            {
                Heading(c, ref section, "Tindak lanjut rapat sebelumnya");
                ActionTable(c, doc.CarriedOver, "");
            }
            if (!string.IsNullOrEmpty(doc.ActionStatusNote))
            {
                c.Spacing(3).Paragraph(doc.ActionStatusNote, Small with { Italic = true });
            }
            if (!string.IsNullOrEmpty(doc.ClosingLine))
            {
                c.Spacing(8).Paragraph(doc.ClosingLine, Normal);
            }
            c.Spacing(14).KeepTogether(k => k
                .Paragraph(doc.SigningPlaceAndDate, Normal, TextAlign.Right)
                .Spacing(8)
                .Columns(cols => cols
                    .Column(PdfLength.Relative(), s => Signature(s, doc.Chair))
                    .Column(PdfLength.Relative(), s => Signature(s, doc.NoteTaker))
                    .Gap(30)));

            if (doc.Amendments.Count > 0)
            {
                c.Spacing(12).Paragraph(p => p.Text("Catatan perubahan notulen", Bold).SpaceAfter(4).KeepWithNext());
                c.Table(t =>
                {
                    t.Column(PdfLength.Absolute(80)).Column(PdfLength.Absolute(70)).Column(PdfLength.Relative(2)).Column(PdfLength.Relative(2))
                     .Style(Table with { Size = 9 }).HeaderShading(PdfColor.LightGray)
                     .Header("Tanggal", "Oleh", "Alasan", "Perubahan");
                    foreach (var a in doc.Amendments)
                    {
                        t.Row(a.When, a.By, a.Reason, a.Summary);
                    }
                });
            }

            c.PageBreak()
             .Paragraph("LAMPIRAN: DAFTAR HADIR", Bold with { Size = 13 }, TextAlign.Center)
             .Paragraph(doc.Subtitle, Normal, TextAlign.Center)
             .Spacing(10);
            AttendanceTable(c, doc.Attendance, rowHeight: 26);
        });
        return builder;
    }

    public static byte[] Render(AttendanceSheetDocument doc)
    {
        var builder = Setup(doc.Letterhead, doc.Info, $"Daftar hadir: {doc.Particulars[0].Value}", draft: false, verification: null);
        builder.Content(c =>
        {
            c.Paragraph(doc.Title, Bold with { Size = 13, Underline = true }, TextAlign.Center).Spacing(10);
            Particulars(c, doc.Particulars);
            c.Spacing(10);
            AttendanceTable(c, doc.Rows, rowHeight: 30);
        });
        return builder.ToBytes();
    }

    private static PdfDocumentBuilder Setup(LetterheadBlock letterhead, DocumentInfo info, string runningTitle, bool draft, MinutesVerification? verification)
    {
        var builder = new PdfDocumentBuilder()
            .PageSize(PdfPageSize.A4Portrait)
            .Margins(Margins)
            .DefaultTextStyle(Normal)
            .Metadata(new PdfMetadata { Title = info.Title, Author = info.Author, Subject = info.Subject, Created = info.CreatedAt })
            .Header((page, c) =>
            {
                if (page.PageNumber == 1)
                {
                    Letterhead(c, letterhead);
                }
                else
                {
                    c.Paragraph(Shorten(runningTitle, 110), Small with { Color = PdfColor.Gray }, TextAlign.Right).Spacing(2).Rule(0.5f, PdfColor.Gray).Spacing(8);
                }
            })
            .Footer((page, c) => c.Spacing(6).Paragraph(
                (draft ? "DRAF - " : "") + $"Halaman {page.PageNumber} dari {page.PageCount}", Small, TextAlign.Center));
        if (verification is { } v)
        {
            // Every page says which version it is and where to check it, with a QR code of that address.
            var qr = QrPng(v.Url);
            builder.Footer((page, c) => c.Spacing(4).Rule(0.5f, PdfColor.Gray).Spacing(3).Columns(cols => cols
                .Column(PdfLength.Absolute(44), q => q.Image(qr, 42, 42), VerticalAlign.Middle)
                .Column(PdfLength.Relative(), t => t
                    .Paragraph($"Notulen final versi {v.Version} · Kode verifikasi {v.PrintedCode}", Small.AsBold())
                    .Paragraph($"Cek keaslian: {v.Url}", Small with { Color = PdfColor.Gray }), VerticalAlign.Middle)
                .Column(PdfLength.Absolute(80), n => n.Paragraph($"Halaman {page.PageNumber} dari {page.PageCount}", Small, TextAlign.Right), VerticalAlign.Middle)
                .Gap(6)));
        }
        return builder;
    }

    /// <summary>A QR code of <paramref name="text"/> as a PNG, 4 pixels per module, with the standard quiet zone.</summary>
    internal static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(4);
    }

    private static void Letterhead(PdfContent c, LetterheadBlock l)
    {
        c.Columns(cols =>
        {
            cols.Column(PdfLength.Absolute(62), logo =>
            {
                if (l.Logo is { } bytes)
                {
                    logo.Image(bytes, 58, 66);
                }
            }, VerticalAlign.Middle);
            cols.Column(PdfLength.Relative(), t =>
            {
                t.Paragraph(l.Government, Bold with { Size = 13 }, TextAlign.Center)
                 .Paragraph(l.Office, Bold with { Size = 15 }, TextAlign.Center);
                if (!string.IsNullOrWhiteSpace(l.Address))
                {
                    t.Paragraph(l.Address, Small, TextAlign.Center);
                }
            }, VerticalAlign.Middle);
            cols.Column(PdfLength.Absolute(62), _ => { });
        });
        c.Spacing(4).Rule(2).Spacing(1.5f).Rule(0.5f).Spacing(10);
    }

    private static void Particulars(PdfContent c, IReadOnlyList<LabelledLine> lines) =>
        c.Table(t =>
        {
            t.Column(PdfLength.Absolute(100)).Column(PdfLength.Absolute(10)).Column(PdfLength.Relative())
             .Borders(0).Padding(0, 1.5f).RepeatHeaderRow(false).Style(Normal);
            foreach (var line in lines)
            {
                t.Row(line.Label, ":", line.Value);
            }
        });

    private static void Heading(PdfContent c, ref char section, string text)
    {
        var label = $"{section}. {text}";
        section++;
        c.Paragraph(p => p.Text(label, Bold).SpaceBefore(10).SpaceAfter(4).KeepWithNext());
    }

    private static void Prose(PdfContent c, string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            c.Paragraph(p => p.Text(paragraph, Normal).Align(TextAlign.Justify).SpaceAfter(4));
        }
    }

    private static void Numbered(PdfContent c, IEnumerable<(int Number, string Text)> items) =>
        c.Table(t =>
        {
            t.Column(PdfLength.Absolute(22), TextAlign.Right).Column(PdfLength.Relative())
             .Borders(0).Padding(2, 1.5f).RepeatHeaderRow(false).Style(Normal);
            foreach (var (number, text) in items)
            {
                t.Row(r => r.Cell(number.ToString(CultureInfo.InvariantCulture) + ".").Cell(cell => cell.Paragraph(p => p.Text(text, Normal).Align(TextAlign.Justify))));
            }
        });

    private static void ActionTable(PdfContent c, IReadOnlyList<ActionLine> lines, string empty)
    {
        if (lines.Count == 0)
        {
            if (empty.Length > 0)
            {
                c.Paragraph(empty, Normal);
            }
            return;
        }
        c.Table(t =>
        {
            t.Column(PdfLength.Absolute(26), TextAlign.Center).Column(PdfLength.Relative(3)).Column(PdfLength.Relative(1.4f))
             .Column(PdfLength.Absolute(72)).Column(PdfLength.Absolute(62))
             .Style(Table, Table.AsBold()).HeaderShading(PdfColor.LightGray)
             .Header("No", "Tindak lanjut", "Penanggung jawab", "Batas waktu", "Status");
            foreach (var a in lines)
            {
                var description = a.Origin is null ? a.Description : $"{a.Description}\nDari: {a.Origin}";
                var status = a.IsOverdue ? Table with { Color = PdfColor.FromHex("#8A0000") } : Table;
                t.Row(r => r.Cell(a.Number.ToString(CultureInfo.InvariantCulture)).Cell(description).Cell(a.Responsible).Cell(a.DueDate).Cell(a.Status, style: status));
            }
        });
    }

    /// <summary>No, Nama, Jabatan, Instansi, Tanda tangan: odd numbers sign on the left of the column, even ones on the right.</summary>
    private static void AttendanceTable(PdfContent c, IReadOnlyList<AttendeeLine> rows, float rowHeight) =>
        c.Table(t =>
        {
            t.Column(PdfLength.Absolute(26), TextAlign.Center, VerticalAlign.Middle)
             .Column(PdfLength.Relative(2.2f), verticalAlign: VerticalAlign.Middle)
             .Column(PdfLength.Relative(1.6f), verticalAlign: VerticalAlign.Middle)
             .Column(PdfLength.Relative(2f), verticalAlign: VerticalAlign.Middle)
             .Column(PdfLength.Absolute(108), verticalAlign: VerticalAlign.Middle)
             .Style(Table, Table.AsBold()).HeaderShading(PdfColor.LightGray)
             .Header("No", "Nama", "Jabatan", "Instansi", "Tanda Tangan");
            foreach (var row in rows)
            {
                var n = row.Number.ToString(CultureInfo.InvariantCulture);
                var align = row.Number % 2 == 1 ? TextAlign.Left : TextAlign.Right;
                t.Row(r =>
                {
                    r.Height(rowHeight).Cell(n).Cell(row.Name).Cell(row.Position).Cell(row.Agency);
                    if (row.Signature is { } signature)
                    {
                        // Drawn on a phone at check-in (600 x 200 at most): as wide as the cell allows, the row's height.
                        r.Cell(s => s.Image(signature, 96, rowHeight - 4, align), align);
                    }
                    else
                    {
                        r.Cell($"{n}. ...........", align);
                    }
                });
            }
        });

    private static void Signature(PdfContent s, Signatory who)
    {
        s.Paragraph(who.Role + ",", Normal, TextAlign.Center)
         .Spacing(52)
         .Paragraph(string.IsNullOrWhiteSpace(who.Name) ? "(.................................)" : who.Name, Bold with { Underline = true }, TextAlign.Center);
        if (!string.IsNullOrWhiteSpace(who.Position))
        {
            s.Paragraph(who.Position, Normal, TextAlign.Center);
        }
        if (!string.IsNullOrWhiteSpace(who.Nip))
        {
            s.Paragraph("NIP. " + who.Nip, Normal, TextAlign.Center);
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string Join(params string[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
