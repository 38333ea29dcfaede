using System.Text;
using SkiaSharp;
using TppsPortal.Pdf;

namespace TppsPortal.Tests.Pdf;

/// <summary>Documents the tests compose: a long table, a set of minutes, a logo.</summary>
internal static class TestDocuments
{
    public static readonly DateTimeOffset Created = new(2024, 2, 13, 9, 30, 0, TimeSpan.FromHours(8));

    public static readonly PdfMargins Margins = PdfMargins.Mm(20, 20, 20, 25);

    public static string[] Names { get; } =
    [
        "Hj. A. Husniati, S.Sos, MM", "dr. Rosmini Pandin, MARS", "Andi Muh. Ridwan Ma'ruf, S.STP", "Ni Luh Putu Ariani, S.ST",
        "Drs. H. Muhammad Nur Ali, M.Si", "Sitti Marwah Daeng Te'ne, S.Kep", "I Gede Putu Arsana, SKM", "Hasnawati Latif, A.Md.Keb",
    ];

    /// <summary>The 4-digit marker words a long note is made of: kata0001 kata0002 ...</summary>
    public static string NumberedWords(int count, string prefix = "kata")
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            sb.Append(prefix).Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(i % 7 == 0 ? ", " : " ");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// A table of <paramref name="rows"/> rows (first column R001...) with long wrapped texts, a page
    /// footer "Halaman X dari Y"; row <paramref name="longRow"/> (if any) carries a note longer than a page.
    /// </summary>
    public static PdfDocumentBuilder LongTable(int rows, int longRow = 0, int longNoteWords = 1500, PdfPageSize? size = null)
    {
        var builder = new PdfDocumentBuilder()
            .PageSize(size ?? PdfPageSize.A4Portrait)
            .Margins(Margins)
            .Metadata(new PdfMetadata { Title = "Rencana Tindak Lanjut", Author = "Sekretariat TPPS Kabupaten Luwu Timur", Created = Created })
            .Footer((page, c) => c
                .Spacing(6)
                .Paragraph($"Halaman {page.PageNumber} dari {page.PageCount}", TextStyle.Default with { Size = 9 }, TextAlign.Right));
        builder.Content(c => c
            .Paragraph("RENCANA TINDAK LANJUT", TextStyle.Default with { Size = 14, Bold = true }, TextAlign.Center)
            .Spacing(8)
            .Table(t =>
            {
                t.Column(PdfLength.Absolute(34), TextAlign.Center)
                    .Column(PdfLength.Relative(3))
                    .Column(PdfLength.Relative(2))
                    .Column(PdfLength.Absolute(70), TextAlign.Right)
                    .Style(TextStyle.Default with { Size = 9 })
                    .Header("No", "Uraian Kegiatan", "Penanggung Jawab", "Tenggat");
                for (var i = 1; i <= rows; i++)
                {
                    var number = i;
                    var note = number == longRow
                        ? NumberedWords(longNoteWords)
                        : $"Verifikasi data e-PPGBM bulan Agustus untuk desa ke-{number}, termasuk balita sangat pendek dan pendek; " +
                          (number % 3 == 0 ? "pendampingan keluarga berisiko stunting oleh TPK bersama kader posyandu dan bidan desa setempat. " : string.Empty) +
                          $"Prevalensi 22,6 % (SSGI 2022).";
                    t.Row(r => r
                        .Cell($"R{number:D3}")
                        .Cell(note)
                        .Cell(Names[number % Names.Length] + (number % 2 == 0 ? " (Dinas Kesehatan)" : " (DP2KB)"))
                        .Cell($"{1 + (number % 28)} Maret 2024"));
                }
            }));
        return builder;
    }

    /// <summary>A small PNG emblem (a green circle in a gold square), as a letterhead logo.</summary>
    public static byte[] Logo(int width = 120, int height = 140)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(212, 175, 55));
            using var paint = new SKPaint { Color = new SKColor(0, 110, 60), IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) * 0.38f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Minutes of a rakor as the portal will print them: letterhead, facts, discussion, RTL, signatures, attendance.</summary>
    public static PdfDocumentBuilder Minutes()
    {
        var normal = TextStyle.Default;
        var bold = normal.AsBold();
        var small = normal with { Size = 9, Color = PdfColor.Gray };
        var logo = Logo();
        var builder = new PdfDocumentBuilder()
            .Margins(Margins)
            .Metadata(new PdfMetadata
            {
                Title = "Notulen Rapat Koordinasi TPPS Kabupaten Luwu Timur",
                Author = "Sekretariat TPPS Kabupaten Luwu Timur",
                Subject = "Notulen rakor",
                Created = Created,
            })
            .Header((page, c) =>
            {
                if (page.PageNumber == 1)
                {
                    c.Columns(cols => cols
                        .Column(PdfLength.Absolute(60), l => l.Image(logo, 56, 64), VerticalAlign.Middle)
                        .Column(PdfLength.Relative(), t => t
                            .Paragraph("PEMERINTAH KABUPATEN LUWU TIMUR", bold with { Size = 13 }, TextAlign.Center)
                            .Paragraph("TIM PERCEPATAN PENURUNAN STUNTING", bold with { Size = 15 }, TextAlign.Center)
                            .Paragraph("Jl. Soekarno-Hatta, Puncak Indah, Malili, Sulawesi Selatan 92981", normal with { Size = 9 }, TextAlign.Center),
                            VerticalAlign.Middle)
                        .Column(PdfLength.Absolute(60), _ => { }))
                     .Spacing(4).Rule(2).Spacing(1.5f).Rule(0.5f).Spacing(10);
                }
                else
                {
                    c.Paragraph("Notulen Rakor TPPS Kabupaten Luwu Timur, 13 Februari 2024", small, TextAlign.Right).Spacing(2).Rule(0.5f, PdfColor.Gray).Spacing(8);
                }
            })
            .Footer((page, c) => c.Spacing(6).Paragraph($"Halaman {page.PageNumber} dari {page.PageCount}", normal with { Size = 9 }, TextAlign.Center));

        builder.Content(c =>
        {
            c.Paragraph("NOTULEN RAPAT KOORDINASI", bold with { Size = 13, Underline = true }, TextAlign.Center)
             .Paragraph("TIM PERCEPATAN PENURUNAN STUNTING KABUPATEN LUWU TIMUR", bold, TextAlign.Center)
             .Spacing(10)
             .Table(t =>
             {
                 t.Column(PdfLength.Absolute(110)).Column(PdfLength.Absolute(10)).Column(PdfLength.Relative())
                  .Borders(0).Padding(0, 1.5f);
                 foreach (var (label, value) in new[]
                 {
                     ("Hari/tanggal", "Selasa, 13 Februari 2024"),
                     ("Waktu", "09.00 - 12.30 WITA"),
                     ("Tempat", "Aula Kantor Bupati Luwu Timur"),
                     ("Pimpinan rapat", "H. Budiman, S.Pd., M.Pd. (Wakil Bupati, Ketua TPPS)"),
                     ("Notulis", "Hj. A. Husniati, S.Sos, MM"),
                     ("Peserta", "Terlampir dalam daftar hadir (42 orang dari 19 OPD, 11 camat, BKKBN Perwakilan Provinsi Sulawesi Selatan)"),
                 })
                 {
                     t.Row(r => r.Cell(label).Cell(":").Cell(value));
                 }
             })
             .Spacing(10)
             .Paragraph(p => p.Text("A. Jalannya Rapat", bold).SpaceAfter(6).KeepWithNext());
            foreach (var text in new[]
            {
                "Rapat dibuka oleh Wakil Bupati Luwu Timur selaku Ketua TPPS. Dalam sambutannya disampaikan bahwa prevalensi stunting Kabupaten Luwu Timur menurut SSGI 2022 sebesar 22,6 %, naik dari 19,9 % pada SSGI 2021, sehingga target 14 % pada tahun 2024 menuntut penurunan 8,6 poin dalam dua tahun.",
                "Narasumber dari BKKBN Perwakilan Provinsi Sulawesi Selatan memaparkan capaian delapan aksi konvergensi dan menekankan pentingnya data sasaran by name by address dari e-PPGBM, pendampingan keluarga berisiko stunting oleh Tim Pendamping Keluarga, serta intervensi serentak pada bulan Juni.",
                "Kepala Dinas Kesehatan melaporkan hasil penimbangan bulan Agustus 2023: dari 9.874 balita yang diukur, 1.072 anak berstatus pendek atau sangat pendek. Camat Malili, Wotu dan Towuti menyampaikan kendala input data di desa yang belum memiliki jaringan internet yang stabil.",
            })
            {
                c.Paragraph(p => p.Text(text).Align(TextAlign.Justify).SpaceAfter(6));
            }

            c.Paragraph(p => p.Text("B. Kesimpulan dan Rencana Tindak Lanjut", bold).SpaceBefore(4).SpaceAfter(6).KeepWithNext());
            c.Table(t =>
            {
                t.Column(PdfLength.Absolute(26), TextAlign.Center).Column(PdfLength.Relative(3)).Column(PdfLength.Relative(2)).Column(PdfLength.Absolute(80), TextAlign.Center)
                 .Style(normal with { Size = 10 })
                 .Header("No", "Rencana tindak lanjut", "Penanggung jawab", "Tenggat");
                var actions = new[]
                {
                    ("Validasi data sasaran balita by name by address per desa", "Dinas Kesehatan, camat", "29 Februari 2024"),
                    ("Penyusunan rencana kerja bidang Intervensi Spesifik dan Sensitif yang terukur", "Bappeda", "15 Maret 2024"),
                    ("Pelaksanaan audit kasus stunting di Kecamatan Malili dan Wotu", "DP2KB, RSUD I Lagaligo", "30 April 2024"),
                    ("Rembuk stunting tingkat kabupaten", "Sekretariat TPPS", "Mei 2024"),
                };
                for (var i = 0; i < actions.Length; i++)
                {
                    var (what, who, when) = actions[i];
                    t.Row((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), what, who, when);
                }
            });
            c.Spacing(10).Paragraph("Rapat ditutup pukul 12.30 WITA.", normal);
            c.Spacing(16).KeepTogether(k => k
                .Paragraph("Malili, 13 Februari 2024", normal, TextAlign.Right)
                .Spacing(8)
                .Columns(cols => cols
                    .Column(PdfLength.Relative(), s => Signature(s, "Pimpinan Rapat,", "H. BUDIMAN, S.Pd., M.Pd.", "Wakil Bupati Luwu Timur"))
                    .Column(PdfLength.Relative(), s => Signature(s, "Notulis,", "Hj. A. HUSNIATI, S.Sos, MM", "NIP. 19720315 199803 2 007"))
                    .Gap(40)));

            c.PageBreak()
             .Paragraph("DAFTAR HADIR", bold with { Size = 13 }, TextAlign.Center)
             .Paragraph("Rapat Koordinasi TPPS Kabupaten Luwu Timur, Selasa, 13 Februari 2024", normal, TextAlign.Center)
             .Spacing(10)
             .Table(t =>
             {
                 t.Column(PdfLength.Absolute(26), TextAlign.Center, VerticalAlign.Middle).Column(PdfLength.Relative(3), verticalAlign: VerticalAlign.Middle)
                  .Column(PdfLength.Relative(2), verticalAlign: VerticalAlign.Middle).Column(PdfLength.Relative(2), verticalAlign: VerticalAlign.Middle)
                  .Column(PdfLength.Absolute(110), verticalAlign: VerticalAlign.Middle)
                  .Style(normal with { Size = 10 })
                  .Header("No", "Nama", "Jabatan", "Instansi", "Tanda Tangan");
                 for (var i = 1; i <= 30; i++)
                 {
                     var n = i;
                     t.Row(r => r.Height(30)
                         .Cell(n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                         .Cell(Names[n % Names.Length])
                         .Cell(n % 2 == 0 ? "Kepala Bidang" : "Camat")
                         .Cell(n % 3 == 0 ? "Dinas Kesehatan" : "Kecamatan Malili")
                         .Cell($"{n}. ..............", n % 2 == 1 ? TextAlign.Left : TextAlign.Right));
                 }
             });
        });
        return builder;

        void Signature(PdfContent s, string role, string name, string id) => s
            .Paragraph(role, normal, TextAlign.Center)
            .Spacing(48)
            .Paragraph(name, bold with { Underline = true }, TextAlign.Center)
            .Paragraph(id, normal, TextAlign.Center);
    }
}
