using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Meetings;
using TppsPortal.Notifications;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Notifications;

/// <summary>
/// The daily reminder check against a real PostgreSQL with the demo data (Luwu Timur 73.24 is WITA, UTC+8; its digest
/// hour is 07.00 by default). Every test makes its own actions and periods and looks only at their reminder keys.
/// </summary>
public sealed class ReminderServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Lutim = "73.24";

    /// <summary>Thursday 3 December 2026, 08.00 WITA.</summary>
    private static readonly DateTimeOffset Thursday0800Wita = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 12, 3);

    private readonly Clock _clock = new(Thursday0800Wita);

    private ReminderService Reminders => ActivatorUtilities.CreateInstance<ReminderService>(fixture.Services.CreateScope().ServiceProvider, (TimeProvider)_clock);

    [Fact]
    public async Task DailyCheck_ActionDueInThreeDays_TellsTheAgencysOperatorAndTheSecretariatOnce()
    {
        await DefaultSettingsAsync();
        await SetWhatsAppAsync("opd.dp2kb.lutim", "6281234567890");
        var id = await ActionAsync(Today.AddDays(3), "Pendataan keluarga berisiko stunting di 11 kecamatan");
        var key = $"action-due:{id}:2026-12-06";

        var first = await Reminders.RunDailyCheckAsync(default);
        var rows = await RowsAsync(key);

        Assert.Equal(["admin.lutim", "opd.dp2kb.lutim"], rows.Select(r => r.UserName).Order(StringComparer.Ordinal).ToArray());
        Assert.All(rows, r => Assert.Equal(NotificationKind.ActionDueSoon, r.Kind));
        Assert.True(first.ActionDueSoon >= 2);
        var operatorCopy = rows.Single(r => r.UserName == "opd.dp2kb.lutim");
        Assert.Contains("Minggu, 6 Desember 2026", operatorCopy.Body);
        Assert.Contains("3 hari lagi", operatorCopy.Title);
        Assert.Contains("Pendataan keluarga berisiko stunting", operatorCopy.WhatsAppText);
        Assert.StartsWith("tindak-lanjut?rapat=", operatorCopy.Link);
        Assert.Null(operatorCopy.WhatsAppTo);
        // The secretariat's copy goes, by WhatsApp, to the one operator who has a number.
        Assert.Equal("6281234567890", rows.Single(r => r.UserName == "admin.lutim").WhatsAppTo);

        var second = await Reminders.RunDailyCheckAsync(default);
        Assert.Equal(0, second.Created);
        Assert.Equal(2, (await RowsAsync(key)).Count);
    }

    [Fact]
    public async Task DailyCheck_RunTwiceAtOnce_CreatesEachReminderOnce()
    {
        await DefaultSettingsAsync();
        var id = await ActionAsync(Today.AddDays(1), "Rapat koordinasi konvergensi desa");

        var results = await Task.WhenAll(Reminders.RunDailyCheckAsync(default), Reminders.RunDailyCheckAsync(default));

        Assert.Equal(2, (await RowsAsync($"action-due:{id}:2026-12-04")).Count);
        await using var db = fixture.CreateContext();
        var duplicates = await db.Notifications.Where(n => n.DedupKey != null)
            .GroupBy(n => new { n.UserId, n.DedupKey }).Where(g => g.Count() > 1).CountAsync();
        Assert.Equal(0, duplicates);
        Assert.True(results.Sum(r => r.Created) <= results.Max(r => r.Candidates), "the two runs together created each due reminder at most once");
    }

    [Fact]
    public async Task DailyCheck_OverdueAction_RemindsOnceAWeek()
    {
        await DefaultSettingsAsync();
        var id = await ActionAsync(new DateOnly(2026, 11, 20), "Penyusunan peraturan bupati tentang peran desa");
        var prefix = $"action-overdue:{id}:";

        await Reminders.RunDailyCheckAsync(default);
        Assert.Equal(2, (await RowsByPrefixAsync(prefix)).Count);
        var body = (await RowsByPrefixAsync(prefix)).First().Body;
        Assert.Contains("Jumat, 20 November 2026", body);
        Assert.Contains("13 hari", body);

        _clock.Now = Thursday0800Wita.AddDays(1); // Friday: the same ISO week
        await Reminders.RunDailyCheckAsync(default);
        Assert.Equal(2, (await RowsByPrefixAsync(prefix)).Count);

        _clock.Now = Thursday0800Wita.AddDays(4); // Monday 7 December: week 50
        await Reminders.RunDailyCheckAsync(default);
        var rows = await RowsByPrefixAsync(prefix);
        Assert.Equal(4, rows.Count);
        Assert.Equal(2, rows.Count(r => r.Key == prefix + "2026-W50"));
        Assert.All(rows, r => Assert.Equal(NotificationKind.ActionOverdue, r.Kind));
    }

    [Fact]
    public async Task DailyCheck_DoneAction_IsNotReminded()
    {
        await DefaultSettingsAsync();
        var id = await ActionAsync(Today.AddDays(2), "Sosialisasi gizi seimbang", ActionStatus.Selesai);

        await Reminders.RunDailyCheckAsync(default);

        Assert.Empty(await RowsByPrefixAsync($"action-due:{id}:"));
    }

    [Fact]
    public async Task DailyCheck_DeadlineNear_TellsOnlyKecamatanWhoseFormIsNotSubmitted_AndNeverAnotherKecamatan()
    {
        await DefaultSettingsAsync();
        var mangkutana = await CamatAsync("camat.test.mangkutana", "73.24.01");
        var nuha = await CamatAsync("camat.test.nuha", "73.24.02");
        var towuti = await CamatAsync("camat.test.towuti", "73.24.03");
        var period = await PeriodAsync(2031, 11, Today.AddDays(2));
        await ReportAsync(period, "73.24.04", ReportStatus.Diajukan);     // Malili: submitted
        await ReportAsync(period, "73.24.02", ReportStatus.Draft);        // Nuha: draft
        await ReportAsync(period, "73.24.03", ReportStatus.Dikembalikan); // Towuti: returned
        await ReportAsync(period, "73.24.05", ReportStatus.Disetujui);    // Angkona: approved

        await Reminders.RunDailyCheckAsync(default);

        var rows = await RowsByPrefixAsync($"deadline:{period}:");
        Assert.DoesNotContain(rows, r => r.UserName == "camat.malili");
        Assert.Single(rows, r => r.UserId == mangkutana && r.Key == $"deadline:{period}:73.24.01");
        Assert.Single(rows, r => r.UserId == nuha && r.Key == $"deadline:{period}:73.24.02");
        Assert.Single(rows, r => r.UserId == towuti && r.Key == $"deadline:{period}:73.24.03");
        // Nobody hears of a kecamatan other than their own.
        Assert.All(rows, r => Assert.Equal(r.Key[(r.Key.LastIndexOf(':') + 1)..], r.UserRegion));
        Assert.All(rows, r => Assert.Equal(NotificationKind.DeadlineNear, r.Kind));
        var towutiRow = rows.Single(r => r.UserId == towuti);
        Assert.Contains("November 2031", towutiRow.Title);
        Assert.Contains("dikembalikan", towutiRow.Body);
        Assert.Contains("Sabtu, 5 Desember 2026", towutiRow.Body);
        Assert.Equal($"laporan/{period}/73.24.03", towutiRow.Link);
    }

    [Fact]
    public async Task DailyCheck_KantorKecamatanResponsibleForAnotherKecamatansAction_ItsCamatIsNotTold()
    {
        // Kantor Kecamatan Malili made responsible for an action of a Nuha kecamatan meeting: the camat of Malili is
        // among the agency's operators, but may not read Nuha's meeting, so AccessPolicy keeps the reminder from them.
        await DefaultSettingsAsync();
        int malili;
        int nuhaMeeting;
        await using (var db = fixture.CreateContext())
        {
            malili = await db.Agencies.Where(a => a.RegionCode == "73.24.04" && a.Kind == AgencyKind.KantorKecamatan).Select(a => a.Id).FirstAsync();
            var meeting = new Meeting { RegionCode = "73.24.02", Title = "Rapat TPPS Kecamatan Nuha", Date = Today.AddDays(-20), StartTime = new TimeOnly(9, 0), CreatedAt = Thursday0800Wita, UpdatedAt = Thursday0800Wita };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            nuhaMeeting = meeting.Id;
        }
        var id = await ActionAsync(Today.AddDays(1), "Pendampingan keluarga berisiko di Desa Nuha", agencyId: malili, meetingId: nuhaMeeting);
        var ownMeeting = await ActionAsync(Today.AddDays(1), "Pendampingan keluarga berisiko di Malili", agencyId: malili);

        await Reminders.RunDailyCheckAsync(default);

        var rows = await RowsByPrefixAsync($"action-due:{id}:");
        Assert.DoesNotContain(rows, r => r.UserName == "camat.malili");
        Assert.Contains(rows, r => r.UserName == "admin.lutim");
        // The same agency on a district meeting: the camat of Malili is told.
        Assert.Contains(await RowsByPrefixAsync($"action-due:{ownMeeting}:"), r => r.UserName == "camat.malili");
    }

    [Fact]
    public async Task DailyCheck_DeadlineFurtherThanTheDaysBefore_IsNotYetReminded()
    {
        await DefaultSettingsAsync();
        await CamatAsync("camat.test.wotu", "73.24.06");
        var period = await PeriodAsync(2031, 10, Today.AddDays(5));

        await Reminders.RunDailyCheckAsync(default);

        Assert.Empty(await RowsByPrefixAsync($"deadline:{period}:"));
    }

    [Fact]
    public async Task DailyCheck_ReminderSwitchedOff_CreatesNothingOfThatKind()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var service = fixture.Get<NotificationService>();
        await DefaultSettingsAsync();
        var form = await service.GetSettingsAsync(admin, Lutim);
        form.ActionDueSoon = false;
        form.ActionOverdue = false;
        Assert.True((await service.SaveSettingsAsync(admin, Lutim, form)).Succeeded);
        var soon = await ActionAsync(Today.AddDays(2), "Pelatihan kader posyandu");
        var late = await ActionAsync(Today.AddDays(-9), "Audit kasus stunting");

        await Reminders.RunDailyCheckAsync(default);

        Assert.Empty(await RowsByPrefixAsync($"action-due:{soon}:"));
        Assert.Empty(await RowsByPrefixAsync($"action-overdue:{late}:"));
        await DefaultSettingsAsync();
    }

    [Fact]
    public async Task DailyCheck_BeforeTheDistrictsDigestHour_CreatesNothing_ThenAtTheHourItDoes()
    {
        await DefaultSettingsAsync();
        var id = await ActionAsync(Today.AddDays(2), "Pemberian makanan tambahan balita");
        _clock.Now = new DateTimeOffset(2026, 12, 2, 22, 59, 0, TimeSpan.Zero); // 06.59 WITA

        var early = await Reminders.RunDailyCheckAsync(default);

        Assert.Empty(await RowsByPrefixAsync($"action-due:{id}:"));
        Assert.Equal(0, early.Created);

        _clock.Now = new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero); // 07.00 WITA
        var onTime = await Reminders.RunDailyCheckAsync(default);

        Assert.Equal(2, (await RowsByPrefixAsync($"action-due:{id}:")).Count);
        Assert.True(onTime.CheckedDistricts >= 1);
    }

    [Fact]
    public async Task DailyCheck_EmailPendingOnlyForUsersWithAnAddress()
    {
        await DefaultSettingsAsync();
        await using (var db = fixture.CreateContext())
        {
            await db.Users.Where(u => u.UserName == "opd.dp2kb.lutim").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "dp2kb@luwutimurkab.go.id").SetProperty(u => u.EmailMutedKinds, 0));
            await db.Users.Where(u => u.UserName == "admin.lutim").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, (string?)null));
        }
        var id = await ActionAsync(Today.AddDays(1), "Verifikasi data sasaran");

        await Reminders.RunDailyCheckAsync(default);

        var rows = await RowsByPrefixAsync($"action-due:{id}:");
        Assert.Equal(EmailState.Pending, rows.Single(r => r.UserName == "opd.dp2kb.lutim").EmailState);
        Assert.Equal(EmailState.None, rows.Single(r => r.UserName == "admin.lutim").EmailState);
    }

    // ----- helpers -----

    private async Task DefaultSettingsAsync()
    {
        await using var db = fixture.CreateContext();
        await db.ReminderSettings.Where(s => s.DistrictCode == Lutim).ExecuteDeleteAsync();
    }

    private async Task SetWhatsAppAsync(string userName, string number)
    {
        await using var db = fixture.CreateContext();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.WhatsAppNumber, number));
    }

    private async Task<int> ActionAsync(DateOnly due, string description, ActionStatus status = ActionStatus.Belum, int? agencyId = null, int? meetingId = null)
    {
        var agency = agencyId ?? await fixture.AgencyIdAsync(Lutim, "DP2KB");
        await using var db = fixture.CreateContext();
        var meeting = meetingId ?? await db.Meetings.Where(m => m.RegionCode == Lutim).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var action = new FollowUpAction
        {
            MeetingId = meeting,
            DistrictCode = Lutim,
            Number = 900 + Random.Shared.Next(1000),
            Description = description,
            ResponsibleAgencyId = agency,
            DueDate = due,
            Status = status,
            CreatedAt = Thursday0800Wita,
            UpdatedAt = Thursday0800Wita,
        };
        db.FollowUpActions.Add(action);
        await db.SaveChangesAsync();
        return action.Id;
    }

    private async Task<int> PeriodAsync(int year, int month, DateOnly deadline)
    {
        await using var db = fixture.CreateContext();
        var period = new ReportingPeriod { DistrictCode = Lutim, Year = year, Month = month, Deadline = deadline, IsOpen = true, OpenedAt = Thursday0800Wita, OpenedBy = "test" };
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();
        return period.Id;
    }

    private async Task ReportAsync(int period, string kecamatan, ReportStatus status)
    {
        await using var db = fixture.CreateContext();
        db.KecamatanReports.Add(new KecamatanReport { PeriodId = period, KecamatanCode = kecamatan, Status = status, CreatedAt = Thursday0800Wita, UpdatedAt = Thursday0800Wita });
        await db.SaveChangesAsync();
    }

    private async Task<string> CamatAsync(string userName, string kecamatan)
    {
        await using var db = fixture.CreateContext();
        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            FullName = "Camat uji " + kecamatan,
            Role = Role.OperatorKecamatan,
            RegionCode = kecamatan,
            SecurityStamp = Guid.NewGuid().ToString(),
            CreatedAt = Thursday0800Wita,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private Task<List<Row>> RowsAsync(string key) => QueryAsync(n => n.DedupKey == key);

    private Task<List<Row>> RowsByPrefixAsync(string prefix) => QueryAsync(n => n.DedupKey!.StartsWith(prefix));

    private async Task<List<Row>> QueryAsync(System.Linq.Expressions.Expression<Func<Notification, bool>> where)
    {
        await using var db = fixture.CreateContext();
        return await db.Notifications.Where(where)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new Row(
                n.UserId, u.UserName!, u.RegionCode, n.Kind, n.DedupKey!, n.Title, n.Body, n.Link, n.WhatsAppText, n.WhatsAppTo, n.EmailState))
            .ToListAsync();
    }

    private sealed record Row(
        string UserId, string UserName, string? UserRegion, NotificationKind Kind, string Key, string Title, string Body,
        string? Link, string? WhatsAppText, string? WhatsAppTo, EmailState EmailState);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
