using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Convergence;
using TppsPortal.Notifications;
using TppsPortal.Regions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Convergence;

/// <summary>
/// The province's assessment against PostgreSQL: the province scores its districts, ranks them by total, publishes;
/// a district sees its own scores only once published, never another's; nothing crosses a province. Each test uses
/// its own year, so no test depends on another's data.
/// </summary>
public sealed class AssessmentServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string LuwuTimur = "73.24";
    private const string Soppeng = "73.12";

    private AssessmentService Assessments => fixture.Get<AssessmentService>();

    [Fact]
    public async Task ProvinceScoresTwoDistricts_RanksThemByTotal_WithCountsAndDraftState()
    {
        const int year = 2031;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        await ScoreAsync(pemantau, LuwuTimur, year, [80, 70, 90, 60, null, 75, 85, 65]);
        await ScoreAsync(pemantau, Soppeng, year, [90, 90, 90, 90, 90, 90, 90, 90]);

        var board = await Assessments.BoardAsync(pemantau, "73", year);

        Assert.Equal("Sulawesi Selatan", board.ProvinceName);
        // Side by side, by name.
        Assert.Equal([LuwuTimur, Soppeng], board.Districts.Select(d => d.DistrictCode));
        var lutim = board.Districts.Single(d => d.DistrictCode == LuwuTimur);
        Assert.Equal(525, lutim.Total);
        Assert.Equal(7, lutim.Scored);
        Assert.False(lutim.IsPublished);
        Assert.False(lutim.HasCycle);
        Assert.All(lutim.Aksi, a => Assert.Null(a.Status));
        Assert.Equal([Soppeng, LuwuTimur], board.Ranking.Select(r => r.DistrictCode));
        Assert.Equal([1, 2], board.Ranking.Select(r => r.Rank!.Value));
        Assert.Equal(720, board.Ranking[0].Total);
        Assert.Equal(2, lutim.Rank);
    }

    [Fact]
    public async Task Ranking_WithEqualTotals_IsByName()
    {
        const int year = 2032;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        await ScoreAsync(pemantau, Soppeng, year, [50, 50, 50, 50, 50, 50, 50, 50]);
        await ScoreAsync(pemantau, LuwuTimur, year, [100, 0, 100, 0, 100, 0, 100, 0]);

        var board = await Assessments.BoardAsync(pemantau, "73", year);

        // 400 each: Kabupaten Luwu Timur before Kabupaten Soppeng.
        Assert.Equal([LuwuTimur, Soppeng], board.Ranking.Select(r => r.DistrictCode));
        Assert.All(board.Ranking, r => Assert.Equal(400, r.Total));
    }

    [Fact]
    public async Task Board_ReadsTheDistrictsCycle_StatusesAndEvidenceCounts_AndNoCycleIsShownAsSuch()
    {
        const int year = 2033;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        await using (var db = fixture.CreateContext())
        {
            var cycle = new AksiCycle { DistrictCode = LuwuTimur, Year = year, CreatedBy = "uji" };
            foreach (var definition in Aksi.All)
            {
                cycle.Items.Add(new AksiItem
                {
                    Number = definition.Number, PlannedMonth = definition.DefaultMonth,
                    Status = definition.Number <= 3 ? AksiStatus.Selesai : definition.Number == 4 ? AksiStatus.Proses : AksiStatus.Belum,
                });
            }
            cycle.Items[0].Evidence.Add(new AksiEvidence { Kind = EvidenceKind.File, Title = "Dokumen analisis situasi 2033", FileName = "analisis.pdf", UploadedBy = "Uji" });
            cycle.Items[0].Evidence.Add(new AksiEvidence { Kind = EvidenceKind.ApprovedFigures, Title = "Data disetujui Maret 2033", TargetId = 203303, UploadedBy = "Uji" });
            cycle.Items[2].Evidence.Add(new AksiEvidence { Kind = EvidenceKind.Meeting, Title = "Rembuk Stunting 2033", TargetId = 1, UploadedBy = "Uji" });
            db.AksiCycles.Add(cycle);
            await db.SaveChangesAsync();
        }

        var board = await Assessments.BoardAsync(pemantau, "73", year);
        var lutim = board.Districts.Single(d => d.DistrictCode == LuwuTimur);
        var soppeng = board.Districts.Single(d => d.DistrictCode == Soppeng);

        Assert.True(lutim.HasCycle);
        Assert.Equal(3, lutim.SelesaiCount);
        Assert.Equal(AksiStatus.Proses, lutim.Aksi[3].Status);
        Assert.Equal([2, 0, 1, 0, 0, 0, 0, 0], lutim.Aksi.Select(a => a.EvidenceCount));
        Assert.False(soppeng.HasCycle);
        Assert.Empty(board.Ranking);

        var form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        Assert.Equal(["Dokumen analisis situasi 2033", "Data disetujui Maret 2033"], form.Aksi[0].Evidence.Select(e => e.Title));
        Assert.Equal("Rembuk stunting", form.Aksi[2].Name);
        Assert.Single(form.Aksi[2].Evidence);
    }

    [Fact]
    public async Task District_SeesItsScoresAndComments_OnlyAfterThePublication_AndNeverAnotherDistricts()
    {
        const int year = 2034;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var lutim = await fixture.ActorAsync("admin.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var version = await ScoreAsync(pemantau, LuwuTimur, year, [70, 70, 70, 70, 70, 70, 70, 70], "Dokumen lengkap, rembuk tepat waktu.");
        await ScoreAsync(pemantau, Soppeng, year, [90, 90, 90, 90, 90, 90, 90, 90]);

        Assert.Null(await Assessments.PublishedAsync(lutim, LuwuTimur, year));

        var form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        Assert.Equal(version, form.Version);
        var published = await Assessments.SaveAsync(pemantau, form, publish: true);
        Assert.True(published.Succeeded, published.Outcome.Summary);

        var seen = await Assessments.PublishedAsync(lutim, LuwuTimur, year);
        Assert.NotNull(seen);
        Assert.Equal(560, seen.Total);
        // The district's secretariat is told of the publication (not of the drafts), and Soppeng is not.
        var told = (await fixture.Get<NotificationService>().ListAsync(lutim)).Items
            .Where(n => n.Kind == NotificationKind.AssessmentPublished && n.Link == $"aksi?tahun={year}").ToList();
        Assert.Equal($"Penilaian aksi konvergensi {year} dipublikasikan", Assert.Single(told).Title);
        Assert.Contains("Kabupaten Luwu Timur tahun 2034: total 560 dari 800", told[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain((await fixture.Get<NotificationService>().ListAsync(soppeng)).Items,
            n => n.Kind == NotificationKind.AssessmentPublished && n.Link == $"aksi?tahun={year}");
        Assert.Equal(8, seen.Scored);
        Assert.All(seen.Aksi, a => Assert.Equal("Dokumen lengkap, rembuk tepat waktu.", a.Comment));
        Assert.Equal("Pemantau Provinsi Sulawesi Selatan (demo)", seen.PublishedBy);
        // Soppeng's (higher) draft does not count: Luwu Timur is the only published one.
        Assert.Equal((1, 1), (seen.Rank, seen.RankedCount));

        // Soppeng's own scores stay hidden from Soppeng (not published), and Luwu Timur's are not Soppeng's to read.
        Assert.Null(await Assessments.PublishedAsync(soppeng, Soppeng, year));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.PublishedAsync(soppeng, LuwuTimur, year));
        // A district cannot score or open the scoring form.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.GetFormAsync(lutim, LuwuTimur, year));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.BoardAsync(lutim, "73", year));

        // Once Soppeng is published too, Luwu Timur learns its place, not Soppeng's scores.
        var soppengForm = await Assessments.GetFormAsync(pemantau, Soppeng, year);
        Assert.True((await Assessments.SaveAsync(pemantau, soppengForm, publish: true)).Succeeded);
        seen = await Assessments.PublishedAsync(lutim, LuwuTimur, year);
        Assert.Equal((2, 2), (seen!.Rank, seen.RankedCount));
    }

    [Fact]
    public async Task AnotherProvincesMonitor_SeesAndScoresNothingOfSulawesiSelatan()
    {
        const int year = 2035;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var version = await ScoreAsync(pemantau, LuwuTimur, year, [60, 60, 60, 60, 60, 60, 60, 60]);
        var form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        Assert.True((await Assessments.SaveAsync(pemantau, form, publish: true)).Succeeded);
        var kalsel = await MonitorOfKalimantanSelatanAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.BoardAsync(kalsel, "73", year));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.GetFormAsync(kalsel, LuwuTimur, year));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.PublishedAsync(kalsel, LuwuTimur, year));
        form.Aksi[0].Score = 0;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments.SaveAsync(kalsel, form, publish: false));

        // Their own province's board holds only their own districts.
        var own = await Assessments.BoardAsync(kalsel, "63", year);
        Assert.All(own.Districts, d => Assert.StartsWith("63.", d.DistrictCode, StringComparison.Ordinal));
        Assert.Equal(["63"], (await Assessments.ProvincesAsync(kalsel)).Select(p => p.Code));

        // Nothing changed in Luwu Timur.
        var stored = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        Assert.Equal(60, stored.Aksi[0].Score);
        Assert.NotEqual(version, stored.Version);
        Assert.True(stored.IsPublished);
    }

    [Fact]
    public async Task Save_WithAStaleVersion_IsAConflict_AndKeepsTheFirstSave()
    {
        const int year = 2036;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var admin = await fixture.ActorAsync("admin.sistem");
        await ScoreAsync(pemantau, Soppeng, year, [50, 50, 50, 50, 50, 50, 50, 50]);

        var mine = await Assessments.GetFormAsync(pemantau, Soppeng, year);
        var theirs = await Assessments.GetFormAsync(admin, Soppeng, year);
        theirs.Aksi[1].Score = 95;
        Assert.True((await Assessments.SaveAsync(admin, theirs, publish: false)).Succeeded);
        mine.Aksi[1].Score = 10;
        var stale = await Assessments.SaveAsync(pemantau, mine, publish: false);

        Assert.False(stale.Succeeded);
        Assert.True(stale.Outcome.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, stale.Outcome.Errors[""][0]);
        Assert.Equal(95, (await Assessments.GetFormAsync(pemantau, Soppeng, year)).Aksi[1].Score);

        // Two first saves of the same district and year: the second is a conflict too, not a second assessment.
        var first = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        var second = await Assessments.GetFormAsync(admin, LuwuTimur, year);
        first.Aksi[0].Score = 1;
        second.Aksi[0].Score = 2;
        Assert.True((await Assessments.SaveAsync(pemantau, first, publish: false)).Succeeded);
        Assert.True((await Assessments.SaveAsync(admin, second, publish: false)).Outcome.IsConflict);
        await using var db = fixture.CreateContext();
        Assert.Equal(1, await db.AksiAssessments.CountAsync(a => a.DistrictCode == LuwuTimur && a.Year == year));
    }

    [Fact]
    public async Task Save_RefusesOutOfRangeScoresAndLongComments_PerFieldInIndonesian_AndPublishNeedsAllEight()
    {
        const int year = 2037;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        form.Aksi[2].Score = 101;
        form.Aksi[4].Score = -1;
        form.Aksi[1].Comment = new string('x', AksiAssessment.CommentMaxLength + 1);

        var refused = await Assessments.SaveAsync(pemantau, form, publish: false);

        Assert.False(refused.Succeeded);
        Assert.False(refused.Outcome.IsConflict);
        Assert.Equal("Nilai harus antara 0 dan 100.", refused.Outcome.Errors["Score3"][0]);
        Assert.Equal("Nilai harus antara 0 dan 100.", refused.Outcome.Errors["Score5"][0]);
        Assert.Equal("Paling banyak 2000 karakter.", refused.Outcome.Errors["Comment2"][0]);
        Assert.Null((await Assessments.GetFormAsync(pemantau, LuwuTimur, year)).Version);

        form.Aksi[2].Score = 100;
        form.Aksi[4].Score = 0;
        form.Aksi[1].Comment = "Cukup";
        var publish = await Assessments.SaveAsync(pemantau, form, publish: true);
        Assert.False(publish.Succeeded);
        Assert.Equal("Beri nilai sebelum dipublikasikan.", publish.Outcome.Errors["Score1"][0]);
        Assert.Contains("Semua 8 aksi harus dinilai", publish.Outcome.Errors[""][0], StringComparison.Ordinal);

        var draft = await Assessments.SaveAsync(pemantau, form, publish: false);
        Assert.True(draft.Succeeded, draft.Outcome.Summary);
        var stored = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        Assert.Equal([null, null, 100, null, 0, null, null, null], stored.Aksi.Select(a => a.Score));
        Assert.Equal("Cukup", stored.Aksi[1].Comment);
        Assert.False(stored.IsPublished);
    }

    [Fact]
    public async Task PublishedAssessment_IsLocked_UntilWithdrawnWithAReason()
    {
        const int year = 2038;
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var lutim = await fixture.ActorAsync("pimpinan.lutim");
        await ScoreAsync(pemantau, LuwuTimur, year, [80, 80, 80, 80, 80, 80, 80, 80]);
        var form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        var published = await Assessments.SaveAsync(pemantau, form, publish: true);
        Assert.True(published.Succeeded);

        form = await Assessments.GetFormAsync(pemantau, LuwuTimur, year);
        form.Aksi[0].Score = 10;
        var locked = await Assessments.SaveAsync(pemantau, form, publish: false);
        Assert.False(locked.Succeeded);
        Assert.Contains("sudah dipublikasikan", locked.Outcome.Errors[""][0], StringComparison.Ordinal);

        Assert.Equal("Alasan penarikan wajib diisi.",
            (await Assessments.UnpublishAsync(pemantau, LuwuTimur, year, form.Version!.Value, " ")).Outcome.Errors["Reason"][0]);
        var withdrawn = await Assessments.UnpublishAsync(pemantau, LuwuTimur, year, form.Version!.Value, "Nilai aksi 1 salah ketik.");
        Assert.True(withdrawn.Succeeded, withdrawn.Outcome.Summary);
        Assert.Null(await Assessments.PublishedAsync(lutim, LuwuTimur, year));
        Assert.True(fixture.Logs.Contains("Nilai aksi 1 salah ketik."));

        form.Version = withdrawn.Value;
        Assert.True((await Assessments.SaveAsync(pemantau, form, publish: false)).Succeeded);
        Assert.Equal(10, (await Assessments.GetFormAsync(pemantau, LuwuTimur, year)).Aksi[0].Score);
    }

    /// <summary>Scores the eight aksi (null: not scored) as a draft and returns the new row version.</summary>
    private async Task<uint> ScoreAsync(Actor actor, string district, int year, int?[] scores, string comment = "")
    {
        var form = await Assessments.GetFormAsync(actor, district, year);
        for (var i = 0; i < scores.Length; i++)
        {
            form.Aksi[i].Score = scores[i];
            form.Aksi[i].Comment = comment;
        }
        var saved = await Assessments.SaveAsync(actor, form, publish: false);
        Assert.True(saved.Succeeded, saved.Outcome.Summary);
        return saved.Value;
    }

    private async Task<Actor> MonitorOfKalimantanSelatanAsync()
    {
        const string userName = "pemantau.kalsel.uji";
        await using (var db = fixture.CreateContext())
        {
            if (!await db.Regions.AnyAsync(r => r.Code == "63"))
            {
                db.Regions.Add(new Region { Code = "63", Name = "Kalimantan Selatan", Level = RegionLevel.Provinsi });
                db.Regions.Add(new Region { Code = "63.02", Name = "Kabupaten Kotabaru", Level = RegionLevel.KabupatenKota, ParentCode = "63" });
                await db.SaveChangesAsync();
            }
            if (!await db.Users.AnyAsync(u => u.UserName == userName))
            {
                var admin = await fixture.ActorAsync("admin.sistem");
                var created = await fixture.Get<UserService>().CreateAsync(admin, new UserForm
                {
                    UserName = userName, FullName = "Pemantau Uji Kalimantan Selatan", Role = Role.PemantauProvinsi, RegionCode = "63",
                    Password = "KataSandiUji2026",
                });
                Assert.True(created.Succeeded, created.Outcome.Summary);
            }
        }
        return await fixture.ActorAsync(userName);
    }
}
