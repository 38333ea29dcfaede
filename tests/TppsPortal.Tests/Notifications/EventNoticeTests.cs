using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Meetings;
using TppsPortal.Notifications;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Notifications;

/// <summary>
/// Events tell the people they concern, in the event's own transaction, and nobody outside its scope: a form
/// submitted reaches the district's secretariat, a decision on it the kecamatan, an invitation the invited agencies'
/// operators, final minutes the attending agencies' operators.
/// </summary>
public sealed class EventNoticeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";
    private const string Mangkutana = "73.24.01";

    private static readonly VillageValues Good = new()
    {
        Families = 300, FamiliesAtRisk = 20, ToddlersRegistered = 120, ToddlersMeasured = 110, SeverelyStunted = 3, Stunted = 9,
        Wasted = 4, Underweight = 6, Pregnant = 12, PregnantKek = 1, UnderTwo = 50,
    };

    private SubmissionService Forms => fixture.Get<SubmissionService>();
    private NotificationService Notices => fixture.Get<NotificationService>();

    [Fact]
    public async Task AFormSubmittedThenReturned_TellsTheSecretariatThenTheCamat_AndNobodyElse()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var otherCamat = await CamatOfAsync(Mangkutana, "camat.mangkutana.uji");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var before = await CountsAsync(admin, camat, otherCamat, soppeng);
        var period = await OpenPeriodAsync(admin, 2018, 3);

        await FillAsync(camat, period, Malili);
        var submitted = await Forms.SubmitAsync(camat, period, Malili);
        Assert.True(submitted.Succeeded, submitted.Summary);

        var toAdmin = (await Notices.ListAsync(admin, unreadOnly: true)).Items[0];
        Assert.Equal(NotificationKind.FormSubmitted, toAdmin.Kind);
        Assert.Equal("Formulir Kecamatan Malili periode Maret 2018 menunggu verifikasi", toAdmin.Title);
        Assert.Contains("Camat Malili (demo) mengajukan formulir", toAdmin.Body, StringComparison.Ordinal);
        Assert.Equal($"laporan/{period}/{Malili}", toAdmin.Link);

        var report = (await Forms.GetFormAsync(admin, period, Malili)).ReportId!.Value;
        var returned = await Forms.ReturnAsync(admin, report, "Angka balita diukur Desa Baruga perlu dicek ulang.");
        Assert.True(returned.Succeeded, returned.Summary);

        var toCamat = (await Notices.ListAsync(camat, unreadOnly: true)).Items[0];
        Assert.Equal(NotificationKind.FormReturned, toCamat.Kind);
        Assert.Contains("\"Angka balita diukur Desa Baruga perlu dicek ulang.\"", toCamat.Body, StringComparison.Ordinal);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo) mengembalikan", toCamat.Body, StringComparison.Ordinal);

        // Period opened (every camat of the district, each for their own kecamatan), submitted, returned.
        var after = await CountsAsync(admin, camat, otherCamat, soppeng);
        Assert.Equal(before[0] + 1, after[0]);
        Assert.Equal(before[1] + 2, after[1]);
        Assert.Equal(before[2] + 1, after[2]);
        Assert.Equal(before[3], after[3]);
        var opened = (await Notices.ListAsync(otherCamat)).Items.Single(n => n.Kind == NotificationKind.PeriodOpened && n.Link!.StartsWith($"laporan/{period}/", StringComparison.Ordinal));
        Assert.Equal($"laporan/{period}/{Mangkutana}", opened.Link);
        Assert.StartsWith("https://wa.me/?text=", opened.WhatsAppLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovedForm_TellsTheCamat_AndMarkingReadIsOnePersonsOwn()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var period = await OpenPeriodAsync(admin, 2018, 4);
        await FillAsync(camat, period, Malili);
        Assert.True((await Forms.SubmitAsync(camat, period, Malili)).Succeeded);
        var report = (await Forms.GetFormAsync(admin, period, Malili)).ReportId!.Value;
        Assert.True((await Forms.ApproveAsync(admin, report)).Succeeded);

        var approved = (await Notices.ListAsync(camat, unreadOnly: true)).Items[0];
        Assert.Equal(NotificationKind.FormApproved, approved.Kind);
        var unread = await Notices.UnreadCountAsync(camat);

        // Someone else cannot mark it read; its owner can.
        await Notices.MarkReadAsync(admin, approved.Id);
        Assert.Equal(unread, await Notices.UnreadCountAsync(camat));
        await Notices.MarkReadAsync(camat, approved.Id);
        Assert.Equal(unread - 1, await Notices.UnreadCountAsync(camat));
        Assert.True((await Notices.ListAsync(camat)).Items.Single(n => n.Id == approved.Id).IsRead);

        await Notices.MarkAllReadAsync(camat);
        Assert.Equal(0, await Notices.UnreadCountAsync(camat));
    }

    [Fact]
    public async Task AnUpcomingMeeting_InvitesTheInvitedAgencysOperator_WithDateTimeVenueAndAgenda()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var dp2kb = await fixture.AgencyIdAsync("73.24", "DP2KB");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor TPPS Triwulan I 2099";
        form.Date = new DateOnly(2099, 3, 12);
        form.StartTime = new TimeOnly(9, 0);
        form.Venue = "Aula Kantor Bupati Luwu Timur";
        form.Agenda = [new AgendaForm { Title = "Capaian intervensi spesifik" }, new AgendaForm { Title = "Rencana aksi triwulan II" }];
        form.Invitations = form.Invitations.Where(i => i.AgencyId == dp2kb).ToList();
        Assert.Single(form.Invitations);
        var soppengBefore = await Notices.UnreadCountAsync(soppeng);

        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);

        var invitation = (await Notices.ListAsync(opd)).Items.Single(n => n.Link == $"rapat/{created.Value}");
        Assert.Equal(NotificationKind.MeetingScheduled, invitation.Kind);
        Assert.Equal("Undangan: Rakor TPPS Triwulan I 2099, 12 Maret 2099", invitation.Title);
        Assert.Contains("Kamis, 12 Maret 2099", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("09.00", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("Aula Kantor Bupati Luwu Timur", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("1. Capaian intervensi spesifik; 2. Rencana aksi triwulan II", invitation.Body, StringComparison.Ordinal);
        var link = new Uri(invitation.WhatsAppLink!);
        Assert.Equal("wa.me", link.Host);
        Assert.Contains("Tempat: Aula Kantor Bupati Luwu Timur", Uri.UnescapeDataString(link.Query), StringComparison.Ordinal);
        Assert.Equal(soppengBefore, await Notices.UnreadCountAsync(soppeng));
    }

    [Fact]
    public async Task FinalMinutes_TellTheAttendingAgencysOperator_AndAnAmendmentTellsAgainWithItsVersion()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var dp2kb = await fixture.AgencyIdAsync("73.24", "DP2KB");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor notulen final uji pemberitahuan";
        form.Date = new DateOnly(2025, 9, 4);
        form.EndTime = new TimeOnly(12, 0);
        form.Venue = "Aula";
        form.ChairName = "Wakil Bupati";
        form.NoteTakerName = "Notulis Uji";
        form.NoteTakerPosition = "Staf";
        form.Attendees = [new AttendeeForm { Name = "Peserta DP2KB", Position = "Kepala Bidang", AgencyId = dp2kb }];
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        var id = created.Value;
        Assert.True((await meetings.MarkHeldAsync(admin, id, (await meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        Assert.True((await meetings.FinalizeAsync(admin, id, (await meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);

        var final = (await Notices.ListAsync(opd)).Items.Where(n => n.Link == $"rapat/{id}").ToList();
        Assert.Equal("Notulen final: Rakor notulen final uji pemberitahuan, 4 September 2025", Assert.Single(final).Title);

        var edit = (await meetings.GetAsync(admin, id))!.Form;
        edit.GeneralNotes = "Catatan tambahan setelah final.";
        edit.AmendmentReason = "Menambahkan catatan umum yang terlewat.";
        var amended = await meetings.UpdateAsync(admin, id, edit);
        Assert.True(amended.Succeeded, amended.Summary);

        var all = (await Notices.ListAsync(opd)).Items.Where(n => n.Link == $"rapat/{id}").ToList();
        Assert.Equal(2, all.Count);
        Assert.Equal("Notulen diubah (versi 2): Rakor notulen final uji pemberitahuan, 4 September 2025", all[0].Title);
        Assert.Contains("Menambahkan catatan umum yang terlewat.", all[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotificationForAPersonWithAnAddress_WaitsForMail_AndAMutedKindDoesNot()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var profile = await Notices.GetProfileAsync(admin);
        profile.Email = "sekretariat.tpps@soppengkab.go.id";
        profile.EmailKinds.Remove(NotificationKind.FormSubmitted);
        Assert.True((await Notices.SaveProfileAsync(admin, profile)).Succeeded);

        var period = await OpenPeriodAsync(admin, 2018, 5, "73.12");
        var camat = await fixture.ActorAsync("camat.lalabata");
        await FillAsync(camat, period, "73.12.04");
        Assert.True((await Forms.SubmitAsync(camat, period, "73.12.04")).Succeeded);
        var report = (await Forms.GetFormAsync(admin, period, "73.12.04")).ReportId!.Value;
        Assert.True((await Forms.ReturnAsync(admin, report, "Mohon periksa kembali.")).Succeeded);
        Assert.True((await Forms.SubmitAsync(camat, period, "73.12.04")).Succeeded);

        await using var db = fixture.CreateContext();
        var mine = await db.Notifications.Where(n => n.UserId == admin.UserId && n.Kind == NotificationKind.FormSubmitted).ToListAsync();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, n => Assert.Equal(EmailState.None, n.EmailState));

        profile = await Notices.GetProfileAsync(admin);
        profile.EmailKinds.Add(NotificationKind.FormSubmitted);
        Assert.True((await Notices.SaveProfileAsync(admin, profile)).Succeeded);
        var returned = await Forms.ReturnAsync(admin, report, "Masih ada yang perlu diperiksa.");
        Assert.True(returned.Succeeded);
        Assert.True((await Forms.SubmitAsync(camat, period, "73.12.04")).Succeeded);
        var third = await db.Notifications.Where(n => n.UserId == admin.UserId && n.Kind == NotificationKind.FormSubmitted).OrderByDescending(n => n.Id).FirstAsync();
        Assert.Equal(EmailState.Pending, third.EmailState);
    }

    [Fact]
    public async Task TheProfile_RefusesABadAddressAndNumber_AtTheirFields_AndStoresANumberAsWaMeWantsIt()
    {
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var profile = await Notices.GetProfileAsync(opd);
        profile.Email = "dp2kb@luwutimur";
        profile.WhatsAppNumber = "0812-345";
        profile.EmailDigest = true;

        var refused = await Notices.SaveProfileAsync(opd, profile);

        Assert.False(refused.Succeeded);
        Assert.Contains("Alamat e-mail tidak valid", refused.Errors[nameof(NotificationProfileForm.Email)][0], StringComparison.Ordinal);
        Assert.Equal(WhatsApp.InvalidNumberMessage, refused.Errors[nameof(NotificationProfileForm.WhatsAppNumber)][0]);

        profile.Email = "dp2kb@luwutimurkab.go.id";
        profile.WhatsAppNumber = "0812 3456 7890";
        var saved = await Notices.SaveProfileAsync(opd, profile);
        Assert.True(saved.Succeeded, saved.Summary);
        await using var db = fixture.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == opd.UserId);
        Assert.Equal("6281234567890", user.WhatsAppNumber);
        Assert.True(user.EmailDigest);
        Assert.Equal("+62 812-3456-7890", (await Notices.GetProfileAsync(opd)).WhatsAppNumber);

        // A profile saved meanwhile elsewhere is not overwritten.
        var stale = await Notices.SaveProfileAsync(opd, profile.With(p => p.ConcurrencyStamp = "stale"));
        Assert.True(stale.IsConflict);
    }

    [Theory]
    [InlineData("0812 3456 7890", "6281234567890")]
    [InlineData("+62 812-3456-7890", "6281234567890")]
    [InlineData("6285299998888", "6285299998888")]
    [InlineData("(0411) 123456", null)]
    [InlineData("+1 415 555 0100", null)]
    [InlineData("0812 34", null)]
    [InlineData("08123456789012345", null)]
    [InlineData("08a23456789", null)]
    public void AWhatsAppNumber_IsAnIndonesianMobileNumberOrNothing(string typed, string? stored) =>
        Assert.Equal(stored, WhatsApp.Normalize(typed));

    [Fact]
    public void TheWhatsAppLink_IsWaMeWithTheNumberAndTheEscapedMessage()
    {
        var link = WhatsApp.Link("0812 3456 7890", "Tindak lanjut terlambat per 2 Desember 2026:\n1. Data & laporan");

        Assert.Equal("https://wa.me/6281234567890?text=Tindak%20lanjut%20terlambat%20per%202%20Desember%202026%3A%0A1.%20Data%20%26%20laporan", link);
        Assert.StartsWith("https://wa.me/?text=", WhatsApp.Link(null, "x"), StringComparison.Ordinal);
    }

    private async Task<int> OpenPeriodAsync(Actor admin, int year, int month, string district = "73.24")
    {
        var opened = await Forms.OpenPeriodAsync(admin, district, year, month, new DateOnly(2099, 1, 10), refuseLate: false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return opened.Value;
    }

    private async Task FillAsync(Actor actor, int periodId, string kecamatan)
    {
        var form = await Forms.GetFormAsync(actor, periodId, kecamatan);
        foreach (var row in form.Rows)
        {
            foreach (var figure in FigureInfo.All)
            {
                var saved = await Forms.SaveValueAsync(actor, periodId, kecamatan, row.VillageCode, figure, Good.Get(figure), null);
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
            }
        }
    }

    private async Task<int[]> CountsAsync(params Actor[] actors)
    {
        var counts = new int[actors.Length];
        for (var i = 0; i < actors.Length; i++)
        {
            counts[i] = (await Notices.ListAsync(actors[i])).Total;
        }
        return counts;
    }

    private async Task<Actor> CamatOfAsync(string kecamatan, string userName)
    {
        await using (var db = fixture.CreateContext())
        {
            if (!await db.Users.AnyAsync(u => u.UserName == userName))
            {
                var admin = await fixture.ActorAsync("admin.lutim");
                var created = await fixture.Get<UserService>().CreateAsync(admin, new UserForm
                {
                    UserName = userName, FullName = "Camat Uji " + kecamatan, Role = Role.OperatorKecamatan, RegionCode = kecamatan,
                    Password = "KataSandiUji2026",
                });
                Assert.True(created.Succeeded, created.Outcome.Summary);
            }
        }
        return await fixture.ActorAsync(userName);
    }
}

internal static class FormExtensions
{
    public static NotificationProfileForm With(this NotificationProfileForm form, Action<NotificationProfileForm> change)
    {
        change(form);
        return form;
    }
}
