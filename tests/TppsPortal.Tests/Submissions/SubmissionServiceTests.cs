using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Submissions;

public sealed class SubmissionServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";
    private const string Nuha = "73.24.02";

    private static readonly VillageValues Good = new()
    {
        Families = 300, FamiliesAtRisk = 20, ToddlersRegistered = 120, ToddlersMeasured = 110, SeverelyStunted = 3, Stunted = 9,
        Wasted = 4, Underweight = 6, Pregnant = 12, PregnantKek = 1, UnderTwo = 50,
    };

    private SubmissionService Service => fixture.Get<SubmissionService>();

    private async Task<int> OpenPeriodAsync(int year, int month, DateOnly? deadline = null, bool refuseLate = false, string district = "73.24")
    {
        var admin = await fixture.ActorAsync(district == "73.24" ? "admin.lutim" : "admin.soppeng");
        var opened = await Service.OpenPeriodAsync(admin, district, year, month, deadline ?? new DateOnly(2099, 1, 10), refuseLate);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return opened.Value;
    }

    private async Task FillAsync(Actor actor, int periodId, string kecamatan, VillageValues values)
    {
        var form = await Service.GetFormAsync(actor, periodId, kecamatan);
        foreach (var row in form.Rows)
        {
            foreach (var figure in FigureInfo.All)
            {
                var saved = await Service.SaveValueAsync(actor, periodId, kecamatan, row.VillageCode, figure, values.Get(figure), null);
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
            }
        }
    }

    [Fact]
    public async Task Draft_SavedFieldByField_IsThereWhenTheFormIsOpenedAgain()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2019, 1);
        var village = (await Service.GetFormAsync(camat, period, Malili)).Rows[0].VillageCode;

        var first = await Service.SaveValueAsync(camat, period, Malili, village, Figure.ToddlersRegistered, 87, null);
        var second = await Service.SaveValueAsync(camat, period, Malili, village, Figure.ToddlersMeasured, 80, first.Value!.Row.Version);
        // A new scope: as after a dropped connection or a closed tab.
        var reopened = await fixture.Get<SubmissionService>().GetFormAsync(camat, period, Malili);

        Assert.True(second.Succeeded);
        var row = reopened.Rows.Single(r => r.VillageCode == village);
        Assert.Equal(87, row.Values.ToddlersRegistered);
        Assert.Equal(80, row.Values.ToddlersMeasured);
        Assert.Equal(ReportStatus.Draft, reopened.Status);
        Assert.True(reopened.CanEdit);
    }

    [Fact]
    public async Task SaveValue_WhenAnotherOperatorSavedTheRowFirst_IsAConflictAndKeepsTheirValue()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var period = await OpenPeriodAsync(2019, 2);
        var village = (await Service.GetFormAsync(camat, period, Malili)).Rows[1].VillageCode;
        var start = await Service.SaveValueAsync(camat, period, Malili, village, Figure.Families, 200, null);
        var version = start.Value!.Row.Version;

        var mine = await Service.SaveValueAsync(admin, period, Malili, village, Figure.Families, 210, version);
        var theirs = await Service.SaveValueAsync(camat, period, Malili, village, Figure.Families, 190, version);
        var stored = (await Service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == village);

        Assert.True(mine.Succeeded);
        Assert.True(theirs.Outcome.IsConflict);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo)", theirs.Outcome.Summary);
        Assert.Equal(210, stored.Values.Families);
    }

    [Fact]
    public async Task Workflow_SubmitReturnFixResubmitApprove_LocksTheFiguresAndKeepsTheHistory()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var period = await OpenPeriodAsync(2019, 3);
        await FillAsync(camat, period, Malili, Good);

        Assert.True((await Service.SubmitAsync(camat, period, Malili)).Succeeded);
        var submitted = await Service.GetFormAsync(camat, period, Malili);
        var firstVillage = submitted.Rows[0].VillageCode;
        var returned = await Service.ReturnAsync(admin, submitted.ReportId!.Value, "Angka pendek desa pertama perlu dicek ulang.",
            new Dictionary<string, string> { [firstVillage] = "Pendek terlalu rendah dibanding bulan lalu?" });
        var seenByCamat = await Service.GetFormAsync(camat, period, Malili);
        var fix = await Service.SaveValueAsync(camat, period, Malili, firstVillage, Figure.Stunted, 11, seenByCamat.Rows[0].Version);
        var resubmit = await Service.SubmitAsync(camat, period, Malili);
        var camatApproves = await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(camat, submitted.ReportId.Value));
        var approve = await Service.ApproveAsync(admin, submitted.ReportId.Value);
        var locked = await Service.SaveValueAsync(camat, period, Malili, firstVillage, Figure.Stunted, 12, null);
        var final = await Service.GetFormAsync(camat, period, Malili);
        var history = await Service.HistoryAsync(admin, submitted.ReportId.Value);

        Assert.True(returned.Succeeded);
        Assert.Equal(ReportStatus.Dikembalikan, seenByCamat.Status);
        Assert.Equal("Angka pendek desa pertama perlu dicek ulang.", seenByCamat.ReturnComment);
        Assert.Equal("Pendek terlalu rendah dibanding bulan lalu?", seenByCamat.Rows[0].ReturnComment);
        Assert.True(fix.Succeeded);
        Assert.True(resubmit.Succeeded, resubmit.Summary);
        Assert.Equal(AccessPolicy.DeniedMessage, camatApproves.Message);
        Assert.True(approve.Succeeded);
        Assert.False(locked.Succeeded);
        Assert.Contains("disetujui dan dikunci", locked.Outcome.Summary);
        Assert.Equal(ReportStatus.Disetujui, final.Status);
        Assert.False(final.CanEdit);
        Assert.Equal(11, final.Rows[0].Values.Stunted);
        var change = history.Single(h => h.VillageCode == firstVillage && h.What == "Pendek" && h.NewValue == "11");
        Assert.Equal("9", change.OldValue);
        Assert.Equal("Camat Malili (demo)", change.By); // the display name, not the sign-in name
        Assert.Equal(["dibuat", "diajukan", "dikembalikan", "diajukan", "disetujui"],
            history.Where(h => h.VillageCode is null).OrderBy(h => h.At).Select(h => h.What));
    }

    [Fact]
    public async Task Reopen_ApprovedFigures_NeedsAReasonAndGoesBackToTheKecamatan()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var period = await OpenPeriodAsync(2019, 4);
        await FillAsync(camat, period, Malili, Good);
        Assert.True((await Service.SubmitAsync(camat, period, Malili)).Succeeded);
        var id = (await Service.GetFormAsync(camat, period, Malili)).ReportId!.Value;
        Assert.True((await Service.ApproveAsync(admin, id)).Succeeded);

        var noReason = await Service.ReopenAsync(admin, id, "salah");
        var camatReopens = await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ReopenAsync(camat, id, "Saya ingin mengubah angka."));
        var reopened = await Service.ReopenAsync(admin, id, "Puskesmas mengirim koreksi data pengukuran.");
        var form = await Service.GetFormAsync(camat, period, Malili);

        Assert.Equal("Reason", Assert.Single(noReason.Errors).Key);
        Assert.NotNull(camatReopens);
        Assert.True(reopened.Succeeded);
        Assert.Equal(ReportStatus.Dikembalikan, form.Status);
        Assert.True(form.CanEdit);
        Assert.Contains("Puskesmas mengirim koreksi", form.ReturnComment);
    }

    [Fact]
    public async Task Submit_WithAnImpossibleNumber_IsRefusedNamingTheVillageAndField()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2019, 5);
        await FillAsync(camat, period, Malili, Good);
        var form = await Service.GetFormAsync(camat, period, Malili);
        var village = form.Rows[2];
        await Service.SaveValueAsync(camat, period, Malili, village.VillageCode, Figure.Stunted, 500, null);

        var result = await Service.SubmitAsync(camat, period, Malili);

        Assert.False(result.Succeeded);
        var message = Assert.Single(result.Errors[$"{village.VillageCode}.{Figure.Stunted}"]);
        Assert.StartsWith(village.VillageName + ": Sangat pendek + pendek (503) melebihi balita diukur (110).", message);
        Assert.Equal(ReportStatus.Draft, (await Service.GetFormAsync(camat, period, Malili)).Status);
    }

    [Fact]
    public async Task Submit_WithASuspiciousJump_NeedsAVillageComment()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var before = await OpenPeriodAsync(2019, 6);
        await FillAsync(camat, before, Malili, Good);
        Assert.True((await Service.SubmitAsync(camat, before, Malili)).Succeeded);
        Assert.True((await Service.ApproveAsync(admin, (await Service.GetFormAsync(admin, before, Malili)).ReportId!.Value)).Succeeded);
        var now = await OpenPeriodAsync(2019, 7);
        await FillAsync(camat, now, Malili, Good);
        var village = (await Service.GetFormAsync(camat, now, Malili)).Rows[0];
        await Service.SaveValueAsync(camat, now, Malili, village.VillageCode, Figure.Stunted, 40, null); // 10,9 % -> 39,1 %

        var withoutComment = await Service.SubmitAsync(camat, now, Malili);
        await Service.SaveCommentAsync(camat, now, Malili, village.VillageCode, "Ada pengukuran ulang oleh tim puskesmas.", null);
        var withComment = await Service.SubmitAsync(camat, now, Malili);

        Assert.Contains("berbeda", Assert.Single(withoutComment.Errors[$"{village.VillageCode}.Comment"]));
        Assert.True(withComment.Succeeded, withComment.Summary);
    }

    [Fact]
    public async Task Submit_AfterTheDeadline_IsMarkedLateOrRefusedAsTheDistrictConfigures()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var marked = await OpenPeriodAsync(2019, 9, new DateOnly(2019, 10, 10), refuseLate: false);
        var refused = await OpenPeriodAsync(2019, 10, new DateOnly(2019, 11, 10), refuseLate: true);
        await FillAsync(camat, marked, Malili, Good);
        await FillAsync(camat, refused, Malili, Good);

        var late = await Service.SubmitAsync(camat, marked, Malili);
        var refusedResult = await Service.SubmitAsync(camat, refused, Malili);

        Assert.True(late.Succeeded);
        Assert.True((await Service.GetFormAsync(camat, marked, Malili)).IsLate);
        Assert.False(refusedResult.Succeeded);
        Assert.Contains("sudah lewat", refusedResult.Summary);
    }

    [Fact]
    public async Task Access_CamatMaliliCannotReadOrWriteNuhaByAnyRequest()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var period = await OpenPeriodAsync(2019, 11);
        var nuhaVillage = (await Service.GetFormAsync(admin, period, Nuha)).Rows[0].VillageCode;
        var maliliVillage = (await Service.GetFormAsync(camat, period, Malili)).Rows[0].VillageCode;
        Assert.True((await Service.SaveValueAsync(admin, period, Nuha, nuhaVillage, Figure.Families, 111, null)).Succeeded);
        var nuhaReport = (await Service.GetFormAsync(admin, period, Nuha)).ReportId!.Value;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetFormAsync(camat, period, Nuha));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetFormAsync(camat, nuhaReport));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveValueAsync(camat, period, Nuha, nuhaVillage, Figure.Families, 1, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveValueAsync(camat, period, Malili, nuhaVillage, Figure.Families, 1, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SubmitAsync(camat, period, Nuha));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.HistoryAsync(camat, nuhaReport));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.BoardAsync(camat, "73.24", 2019));
        Assert.True((await Service.SaveValueAsync(camat, period, Malili, maliliVillage, Figure.Families, 5, null)).Succeeded);
        Assert.Equal(111, (await Service.GetFormAsync(admin, period, Nuha)).Rows[0].Values.Families);
    }

    [Fact]
    public async Task Access_PimpinanCannotSubmit_AdminSoppengCannotApproveLuwuTimur_OpdHasNoAccess()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2019, 12);
        await FillAsync(camat, period, Malili, Good);
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SubmitAsync(pimpinan, period, Malili));
        Assert.True((await Service.SubmitAsync(camat, period, Malili)).Succeeded);
        var id = (await Service.GetFormAsync(pimpinan, period, Malili)).ReportId!.Value;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(soppeng, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(pimpinan, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetFormAsync(opd, period, Malili));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.OpenPeriodAsync(soppeng, "73.24", 2020, 1, new DateOnly(2020, 2, 10), false));
        Assert.Equal(ReportStatus.Diajukan, (await Service.GetFormAsync(pimpinan, period, Malili)).Status);
    }

    [Fact]
    public async Task Import_AGoodCsv_FillsTheFormAfterConfirmation()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2020, 1);
        var villages = (await Service.GetFormAsync(camat, period, Malili)).Rows;
        var csv = SubmissionImporter.TemplateHeader + "\n" + string.Join("\n", villages.Select((v, i) =>
            $"{v.VillageCode},\"{v.VillageName}\",300,20,120,110,3,{9 + i},4,6,12,1,50,"));
        var importer = fixture.Get<SubmissionImporter>();

        var preview = await importer.PreviewAsync(camat, period, Malili, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "malili.csv");
        var beforeConfirm = await Service.GetFormAsync(camat, period, Malili);
        var applied = await importer.ApplyAsync(camat, period, Malili, preview);
        var after = await Service.GetFormAsync(camat, period, Malili);

        Assert.True(preview.CanApply, string.Join(" ", preview.FileErrors.Concat(preview.Lines.SelectMany(l => l.Errors))));
        Assert.Null(beforeConfirm.ReportId); // nothing saved by the preview
        Assert.True(applied.Succeeded, applied.Summary);
        Assert.All(after.Rows.Select((r, i) => (r, i)), x => Assert.Equal(9 + x.i, x.r.Values.Stunted));
        Assert.Equal(110 * villages.Count, after.Totals.ToddlersMeasured);
    }

    [Fact]
    public async Task Import_AFileWithABadRow_ChangesNothingAndNamesTheRow()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2020, 2);
        var villages = (await Service.GetFormAsync(camat, period, Malili)).Rows;
        Assert.True((await Service.SaveValueAsync(camat, period, Malili, villages[0].VillageCode, Figure.Families, 77, null)).Succeeded);
        var lines = villages.Select(v => $"{v.VillageCode},,300,20,120,110,3,9,4,6,12,1,50,").ToList();
        lines[1] = $"{villages[1].VillageCode},,300,20,120,110,3,900,4,6,12,1,50,"; // stunted above measured
        lines.Add("73.24.02.2901,,1,1,1,1,0,0,0,0,0,0,0,"); // a Nuha village
        var csv = SubmissionImporter.TemplateHeader + "\n" + string.Join("\n", lines);
        var importer = fixture.Get<SubmissionImporter>();

        var preview = await importer.PreviewAsync(camat, period, Malili, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "salah.csv");
        var applied = await importer.ApplyAsync(camat, period, Malili, preview);
        var after = await Service.GetFormAsync(camat, period, Malili);

        Assert.False(preview.CanApply);
        var bad = preview.Lines.Single(l => l.Line == 3);
        Assert.Contains(bad.Errors, e => e.Contains("melebihi balita diukur", StringComparison.Ordinal));
        Assert.Contains(preview.Lines.Single(l => l.Line == lines.Count + 1).Errors, e => e.Contains("bukan desa/kelurahan Kecamatan Malili", StringComparison.Ordinal));
        Assert.False(applied.Succeeded);
        Assert.Equal(77, after.Rows[0].Values.Families);
        Assert.Null(after.Rows[0].Values.Stunted);
    }

    [Fact]
    public async Task Import_AnXlsxWithVillageNames_IsReadLikeACsv()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(2020, 3);
        var villages = (await Service.GetFormAsync(camat, period, Malili)).Rows;
        var rows = new List<string[]> { new[] { "nama_desa", "jumlah_keluarga", "balita_terdaftar", "balita_diukur", "sangat_pendek", "pendek" } };
        rows.AddRange(villages.Select(v => new[] { v.VillageName.ToUpperInvariant(), "250", "100", "90", "2", "7" }));

        var preview = await fixture.Get<SubmissionImporter>().PreviewAsync(camat, period, Malili, Xlsx(rows), "malili.xlsx");

        Assert.True(preview.CanApply, string.Join(" ", preview.FileErrors.Concat(preview.Lines.SelectMany(l => l.Errors))));
        Assert.Equal(villages.Select(v => v.VillageCode), preview.Lines.Select(l => l.VillageCode));
        Assert.All(preview.Lines, l => Assert.Equal(7, l.Values.Stunted));
    }

    [Fact]
    public async Task Board_ShowsEachKecamatansStateForThePeriod()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var period = await OpenPeriodAsync(2021, 2, new DateOnly(2021, 3, 10));
        await FillAsync(camat, period, Malili, Good);
        Assert.True((await Service.SubmitAsync(camat, period, Malili)).Succeeded);

        var board = await Service.BoardAsync(admin, "73.24", 2021);
        var pimpinanBoard = await Service.BoardAsync(await fixture.ActorAsync("pimpinan.lutim"), "73.24", 2021);

        Assert.Equal(11, board.Kecamatan.Count);
        var malili = board.Cell(period, Malili);
        Assert.Equal(BoardCellState.Diajukan, malili.State);
        Assert.True(malili.IsLate); // submitted after the 2021 deadline
        Assert.Equal(BoardCellState.BelumAda, board.Cell(period, Nuha).State);
        Assert.Equal(10, board.Count(period, BoardCellState.BelumAda));
        Assert.Equal(board.Cells.Count, pimpinanBoard.Cells.Count);
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.BoardAsync(soppeng, "73.24", 2021));
    }

    private static MemoryStream Xlsx(IReadOnlyList<string[]> rows)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(int.TryParse(rows[r][c], out _)
                        ? new Cell { CellReference = reference, CellValue = new CellValue(rows[r][c]), DataType = CellValues.Number }
                        : new Cell { CellReference = reference, InlineString = new InlineString(new Text(rows[r][c])), DataType = CellValues.InlineString });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Data" }));
        }
        stream.Position = 0;
        return stream;
    }
}
