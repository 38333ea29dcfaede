using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Convergence;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Convergence;

/// <summary>
/// The documents made from approved kecamatan forms: the publication of stunting figures (aksi 7, PDF) and the
/// situation-analysis table (aksi 1, XLSX), read back. In each test Malili's form is approved and Mangkutana's only
/// submitted, with figures that must appear nowhere. Each test uses its own period.
/// </summary>
public sealed class PublicationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string LuwuTimur = "73.24";
    private const string Malili = "73.24.04";
    private const string Mangkutana = "73.24.01";

    // 12 of 110 measured: 10,9 %.
    private static readonly VillageValues Approved = new()
    {
        Families = 300, FamiliesAtRisk = 20, ToddlersRegistered = 120, ToddlersMeasured = 110, SeverelyStunted = 3, Stunted = 9,
        Wasted = 4, Underweight = 6, Pregnant = 12, PregnantKek = 1, UnderTwo = 50,
    };

    // Submitted, never approved: 33 of 99 (33,3 %), 4321 families.
    private static readonly VillageValues Unapproved = new()
    {
        Families = 4321, FamiliesAtRisk = 321, ToddlersRegistered = 150, ToddlersMeasured = 99, SeverelyStunted = 13, Stunted = 20,
        Wasted = 2, Underweight = 3, Pregnant = 5, PregnantKek = 0, UnderTwo = 40,
    };

    private SubmissionService Forms => fixture.Get<SubmissionService>();
    private PublicationService Publications => fixture.Get<PublicationService>();

    [Fact]
    public async Task Figures_AreThoseOfTheApprovedForms_AndTheDefaultPeriodIsTheLatestWithApprovedForms()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        await PrepareAsync(admin, 2019, 5);
        // A later period with nothing approved is not the default.
        Assert.True((await Forms.OpenPeriodAsync(admin, LuwuTimur, 2019, 7, new DateOnly(2099, 1, 10), refuseLate: false)).Succeeded);

        var figures = await Publications.GetAsync(admin, LuwuTimur, 2019, null);

        Assert.Equal(201905, figures.Period!.Key);
        Assert.Equal("Formulir kecamatan disetujui, Mei 2019", figures.Source);
        Assert.Equal(11, figures.Kecamatan.Count);
        var malili = figures.Kecamatan.Single(k => k.Code == Malili);
        Assert.True(malili.Approved);
        Assert.Equal(4 * 110, malili.Measured);
        Assert.Equal(4 * 12, malili.Cases);
        Assert.Equal("10,9 %", PublicationPdf.Percent(malili.Prevalence));
        var mangkutana = figures.Kecamatan.Single(k => k.Code == Mangkutana);
        Assert.False(mangkutana.Approved);
        Assert.Null(mangkutana.Prevalence);
        Assert.All(mangkutana.Villages, v => Assert.Null(v.Measured));
        Assert.All(figures.Kecamatan.Where(k => k.Code != Malili), k => Assert.False(k.Approved));

        // The period chosen by hand: July has no approved form, so no figures at all.
        var july = await Publications.GetAsync(admin, LuwuTimur, 2019, 201907);
        Assert.Equal(0, july.Period!.ApprovedForms);
        Assert.All(july.Kecamatan, k => Assert.False(k.Approved));
    }

    [Fact]
    public async Task PublicationPdf_ReadBack_ListsEveryKecamatanWithItsPrevalenceAndSourcePeriod()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        await PrepareAsync(admin, 2020, 11);
        var figures = await Publications.GetAsync(admin, LuwuTimur, 2020, 202011);

        var pdf = PublicationPdf.Render(figures);
        File.WriteAllBytes(Path.Combine(ArtifactsDirectory(), "publikasi-stunting-73-24-202011.pdf"), pdf);

        using var document = PdfDocument.Open(pdf);
        var lines = document.GetPages().SelectMany(Lines).ToList();
        var text = string.Join("\n", lines);
        Assert.Contains("Publikasi Angka Stunting Kabupaten Luwu Timur", text, StringComparison.Ordinal);
        Assert.Contains("Sumber: Formulir kecamatan disetujui, November 2020", text, StringComparison.Ordinal);
        foreach (var kecamatan in figures.Kecamatan)
        {
            // The summary row of the kecamatan: its name, then its prevalence and source, or that there is no approved data.
            var row = lines.FirstOrDefault(l => l.Contains(" " + kecamatan.Name + " ", StringComparison.Ordinal) && !l.StartsWith("Kecamatan", StringComparison.Ordinal));
            Assert.True(row is not null, $"No row for {kecamatan.Name} in:\n{text}");
            if (kecamatan.Code == Malili)
            {
                Assert.Contains("440 48 10,9 % Formulir kecamatan disetujui, November 2020", row, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("belum ada data yang disetujui", row, StringComparison.Ordinal);
            }
        }
        // The village table of the approved kecamatan; the unapproved figures appear nowhere.
        Assert.Contains("Kecamatan Malili: 10,9 %", text, StringComparison.Ordinal);
        Assert.Contains("73.24.04.2901 110 12 10,9 %", text, StringComparison.Ordinal);
        Assert.DoesNotContain("33,3 %", text, StringComparison.Ordinal);
        Assert.DoesNotContain("73.24.01.2901", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SituationAnalysisXlsx_ReadBack_HasOneRowPerVillage_WithTheApprovedFiguresOnly()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        await PrepareAsync(admin, 2021, 8);
        var figures = await Publications.GetAsync(admin, LuwuTimur, 2021, 202108);

        var xlsx = SituationAnalysisXlsx.Write(figures);
        File.WriteAllBytes(Path.Combine(ArtifactsDirectory(), "analisis-situasi-73-24-202108.xlsx"), xlsx);
        var rows = ReadSheet(xlsx, SituationAnalysisXlsx.DataSheet);

        Assert.Equal(SituationAnalysisXlsx.Headers, rows[0].Select(c => c.Text));
        await using var db = fixture.CreateContext();
        var villages = await db.Regions.Where(r => r.ParentCode!.StartsWith(LuwuTimur + ".") && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.ParentCode }).ToListAsync();
        var data = rows.Skip(1).ToList();
        Assert.Equal(villages.Select(v => v.Code), data.Select(r => r[0].Text));
        // Codes are text cells, never numbers.
        Assert.All(data, r => Assert.True(r[0].IsText));
        foreach (var row in data)
        {
            var village = villages.Single(v => v.Code == row[0].Text);
            Assert.Equal(village.Name, row[1].Text);
            if (village.ParentCode == Malili)
            {
                Assert.Equal("Malili", row[2].Text);
                Assert.Equal(["300", "20", "120", "110", "3", "9"], row.Skip(3).Select(c => c.Text));
                Assert.All(row.Skip(3), c => Assert.False(c.IsText));
            }
            else
            {
                // Mangkutana's submitted figures, and every other kecamatan: empty cells.
                Assert.All(row.Skip(3), c => Assert.Equal("", c.Text));
            }
        }
        var all = rows.SelectMany(r => r).Select(c => c.Text).ToList();
        Assert.DoesNotContain("4321", all);
        Assert.DoesNotContain("321", all);

        var notes = ReadSheet(xlsx, "Keterangan");
        Assert.Contains(notes, r => r[0].Text == "Sumber" && r[1].Text == "Formulir kecamatan disetujui, Agustus 2021");
    }

    [Fact]
    public async Task AnotherDistrict_OrACamat_CannotReadTheDistrictsFigures()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var camat = await fixture.ActorAsync("camat.malili");
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.GetAsync(soppeng, LuwuTimur, 2022, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.GetAsync(camat, LuwuTimur, 2022, null));
        Assert.False(Publications.CanRead(soppeng, LuwuTimur));
        // The province's monitor reads every district of the province.
        Assert.True(Publications.CanRead(pemantau, LuwuTimur));
        Assert.Equal(11, (await Publications.GetAsync(pemantau, LuwuTimur, 2022, null)).Kecamatan.Count);
    }

    /// <summary>Opens the period, approves Malili's form and leaves Mangkutana's submitted (not approved).</summary>
    private async Task PrepareAsync(Actor admin, int year, int month)
    {
        var opened = await Forms.OpenPeriodAsync(admin, LuwuTimur, year, month, new DateOnly(2099, 1, 10), refuseLate: false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        var period = opened.Value;
        await FillAsync(admin, period, Malili, Approved);
        Assert.True((await Forms.SubmitAsync(admin, period, Malili)).Succeeded);
        var report = (await Forms.GetFormAsync(admin, period, Malili)).ReportId!.Value;
        var approved = await Forms.ApproveAsync(admin, report);
        Assert.True(approved.Succeeded, approved.Summary);

        await FillAsync(admin, period, Mangkutana, Unapproved);
        var submitted = await Forms.SubmitAsync(admin, period, Mangkutana);
        Assert.True(submitted.Succeeded, submitted.Summary);
    }

    private async Task FillAsync(Actor actor, int periodId, string kecamatan, VillageValues values)
    {
        var form = await Forms.GetFormAsync(actor, periodId, kecamatan);
        foreach (var row in form.Rows)
        {
            foreach (var figure in FigureInfo.All)
            {
                var saved = await Forms.SaveValueAsync(actor, periodId, kecamatan, row.VillageCode, figure, values.Get(figure), null);
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
            }
        }
    }

    /// <summary>The page's words grouped into lines by their baseline, left to right.</summary>
    private static IEnumerable<string> Lines(UglyToad.PdfPig.Content.Page page) =>
        page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)));

    private sealed record CellText(string Text, bool IsText);

    /// <summary>Reads a sheet with the OpenXML SDK: every row as its cells A.. in order (missing cells as empty).</summary>
    private static List<List<CellText>> ReadSheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var result = new List<List<CellText>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<CellText>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TrimEnd("0123456789".ToCharArray())[0] - 'A';
                while (cells.Count < column)
                {
                    cells.Add(new CellText("", false));
                }
                var isText = cell.DataType?.Value == CellValues.InlineString || cell.DataType?.Value == CellValues.SharedString || cell.DataType?.Value == CellValues.String;
                var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
                cells.Add(new CellText(text, isText));
            }
            while (cells.Count < SituationAnalysisXlsx.Headers.Length && result.Count > 0 && name == SituationAnalysisXlsx.DataSheet)
            {
                cells.Add(new CellText("", false));
            }
            result.Add(cells);
        }
        return result;
    }

    private static string ArtifactsDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("TPPS_ARTIFACTS") is { Length: > 0 } a ? a : Path.GetTempPath();
        Directory.CreateDirectory(dir);
        return dir;
    }
}
