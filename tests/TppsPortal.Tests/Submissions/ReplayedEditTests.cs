using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Submissions;

/// <summary>
/// Edits the browser's journal sends again after a lost answer (a dropped connection, a reload, a restarted server):
/// stored once, never over someone else's change. Each test opens its own period.
/// </summary>
public sealed class ReplayedEditTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";
    private const string Village = "73.24.04.2901";

    [Fact]
    public async Task SaveValue_TheSameEditSentTwice_IsStoredOnce_AndAnsweredWithTheVersionItMade()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var created = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Families, 200, null);
        var edit = Guid.NewGuid();

        var first = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, created.Value!.Row.Version, edit);
        var again = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, created.Value.Row.Version, edit);

        Assert.True(first.Succeeded, first.Outcome.Summary);
        Assert.True(again.Succeeded, again.Outcome.Summary);
        Assert.False(first.Value!.Replayed);
        Assert.True(again.Value!.Replayed);
        Assert.Equal(first.Value.VersionAfter, again.Value.VersionAfter);
        Assert.Equal(first.Value.Row.Version, again.Value.Row.Version); // nothing was written the second time
        Assert.Equal(1, await ChangesAsync(period, "balita_diukur"));
    }

    [Fact]
    public async Task SaveValue_AReplayedEditWithAStaleRowVersion_IsAConflict_NotAnOverwrite()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        var seen = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, null);
        // The secretariat corrects the village after the camat's page read it...
        Assert.True((await service.SaveValueAsync(admin, period, Malili, Village, Figure.ToddlersMeasured, 45, seen.Value!.Row.Version)).Succeeded);

        // ...and the camat's phone, back online, sends what it typed on the version it had.
        var replayed = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 50, seen.Value.Row.Version, Guid.NewGuid());

        Assert.False(replayed.Succeeded);
        Assert.True(replayed.Outcome.IsConflict);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo)", replayed.Outcome.Summary);
        Assert.Equal(45, (await service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == Village).Values.ToddlersMeasured);
    }

    [Fact]
    public async Task SaveValue_AnAppliedEditSentAgainAfterSomeoneElsesChange_AnswersTheVersionItMade_SoTheNextEditConflicts()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        var created = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Families, 200, null);
        var edit = Guid.NewGuid();
        var applied = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, created.Value!.Row.Version, edit);
        Assert.True((await service.SaveValueAsync(admin, period, Malili, Village, Figure.Stunted, 9, applied.Value!.Row.Version)).Succeeded);

        // The camat's answer was lost; the journal sends the edit again, then the next one typed on top of it.
        var again = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, created.Value.Row.Version, edit);
        var next = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Stunted, 3, again.Value!.VersionAfter, Guid.NewGuid());

        Assert.True(again.Value.Replayed);
        Assert.Equal(applied.Value.VersionAfter, again.Value.VersionAfter);
        Assert.NotEqual(again.Value.VersionAfter, again.Value.Row.Version);
        Assert.True(next.Outcome.IsConflict);
        Assert.Equal(9, (await service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == Village).Values.Stunted);
    }

    [Fact]
    public async Task SaveValue_AValueThatReplacedAnEarlierStoredValueOfTheField_GoesOnTopOfIt_UnlessSomeoneElseChangedTheRowSince()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        var created = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Families, 200, null);
        var seen = created.Value!.Row.Version;
        // "4" of "45" reached the server and was stored, but its answer was lost with the connection.
        var partial = Guid.NewGuid();
        Assert.True((await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 4, seen, partial)).Succeeded);

        // The journal sends "45", typed on the version the page had, naming the value it replaced.
        var final = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 45, seen, Guid.NewGuid(), [partial]);

        Assert.True(final.Succeeded, final.Outcome.Summary);
        Assert.Equal(45, (await service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == Village).Values.ToddlersMeasured);

        // After someone else's change the same claim does not hold: a conflict.
        Assert.True((await service.SaveValueAsync(admin, period, Malili, Village, Figure.Stunted, 3, final.Value!.VersionAfter)).Succeeded);
        var late = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 50, seen, Guid.NewGuid(), [partial]);
        Assert.True(late.Outcome.IsConflict);
        Assert.Equal(45, (await service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == Village).Values.ToddlersMeasured);
    }

    [Fact]
    public async Task SaveComment_And_SaveNote_TheSameEditSentTwice_AreStoredOnce()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var row = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Families, 200, null);
        var comment = Guid.NewGuid();
        var note = Guid.NewGuid();
        var reportVersion = (await service.GetFormAsync(camat, period, Malili)).Version;

        var c1 = await service.SaveCommentAsync(camat, period, Malili, Village, "Diukur ulang puskesmas.", row.Value!.Row.Version, comment);
        var c2 = await service.SaveCommentAsync(camat, period, Malili, Village, "Diukur ulang puskesmas.", row.Value.Row.Version, comment);
        var n1 = await service.SaveNoteAsync(camat, period, Malili, "Dua desa belum menimbang.", reportVersion, note);
        var n2 = await service.SaveNoteAsync(camat, period, Malili, "Dua desa belum menimbang.", reportVersion, note);

        Assert.True(c1.Succeeded && c2.Succeeded && n1.Succeeded && n2.Succeeded);
        Assert.True(c2.Value!.Replayed);
        Assert.Equal(n1.Value, n2.Value);
        Assert.Equal(1, await ChangesAsync(period, "komentar"));
        Assert.Equal(1, await ChangesAsync(period, "catatan"));
    }

    [Fact]
    public async Task AnEditIdAlreadyUsedForAnotherVillage_IsRefused()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var other = (await service.GetFormAsync(camat, period, Malili)).Rows.First(r => r.VillageCode != Village).VillageCode;
        var first = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Families, 200, null);
        var edit = Guid.NewGuid();
        Assert.True((await service.SaveValueAsync(camat, period, Malili, Village, Figure.Stunted, 4, first.Value!.Row.Version, edit)).Succeeded);
        var otherRow = await service.SaveValueAsync(camat, period, Malili, other, Figure.Families, 150, null);

        // The same id presented for another village's row is not that edit: refused, nothing stored there.
        var reused = await service.SaveValueAsync(camat, period, Malili, other, Figure.Stunted, 6, otherRow.Value!.Row.Version, edit);

        Assert.False(reused.Succeeded);
        Assert.Contains("sudah pernah dikirim untuk data lain", reused.Outcome.Summary);
        Assert.Null((await service.GetFormAsync(camat, period, Malili)).Rows.Single(r => r.VillageCode == other).Values.Stunted);
    }

    [Fact]
    public async Task Approve_ForgetsTheFormsEditIds()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await service.GetFormAsync(camat, period, Malili);
        foreach (var row in form.Rows)
        {
            // The previous approved figures where there are some (no soft warning), else plausible ones.
            var values = row.Previous ?? new VillageValues { Families = 200, ToddlersRegistered = 60, ToddlersMeasured = 55, SeverelyStunted = 1, Stunted = 4 };
            uint? version = row.Version;
            foreach (var figure in FigureInfo.All.Where(f => values.Get(f) is not null))
            {
                var saved = await service.SaveValueAsync(camat, period, Malili, row.VillageCode, figure, values.Get(figure), version, Guid.NewGuid());
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
                version = saved.Value!.VersionAfter;
            }
        }
        var reportId = (await service.GetFormAsync(camat, period, Malili)).ReportId!.Value;
        Assert.True(await EditsAsync(reportId) > 0);
        Assert.True((await service.SubmitAsync(camat, period, Malili)).Succeeded);

        Assert.True((await service.ApproveAsync(admin, reportId)).Succeeded);

        Assert.Equal(0, await EditsAsync(reportId));
    }

    private async Task<int> ChangesAsync(int periodId, string what)
    {
        await using var db = fixture.CreateContext();
        return await db.ReportChanges.CountAsync(c => c.Report!.PeriodId == periodId && c.What == what);
    }

    private async Task<int> EditsAsync(int reportId)
    {
        await using var db = fixture.CreateContext();
        return await db.AppliedEdits.CountAsync(e => e.ReportId == reportId);
    }

    private async Task<(SubmissionService Service, Actor Camat, int PeriodId)> NewPeriodAsync()
    {
        var service = fixture.Get<SubmissionService>();
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var year = DateTime.UtcNow.AddHours(8).Year + 1;
        await using var db = fixture.CreateContext();
        var taken = await db.ReportingPeriods.Where(p => p.DistrictCode == "73.24" && p.Year == year).Select(p => p.Month).ToListAsync();
        var month = Enumerable.Range(1, 12).First(m => !taken.Contains(m) && !ReportingPeriod.WeighingMonth(m));
        var opened = await service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(year, month, 1).AddMonths(1).AddDays(9), refuseLate: false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return (service, camat, opened.Value);
    }
}
