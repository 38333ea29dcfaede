using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Meetings;

public sealed class MeetingServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task NewForm_ForLuwuTimur_DefaultsTheChairToTheKetuaOfTheCurrentSk_AndInvitesTheDistrictsAgenciesAndTheProvincialBkkbnButNotEveryCamat()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var form = await fixture.Get<MeetingService>().NewFormAsync(admin, "73.24");

        Assert.Equal("Mochammad Akbar Andi Leluasa", form.ChairName);
        Assert.Equal("WITA", form.TimeZone);
        Assert.Contains(form.Invitations, i => i.AgencyId == fixture.AgencyIdAsync("73.24", "DP2KB").Result);
        Assert.Contains(form.Invitations, i => i.AgencyId == fixture.AgencyIdAsync("73", "BKKBN Sulsel").Result);
        Assert.DoesNotContain(form.Invitations, i => i.AgencyId == fixture.AgencyIdAsync("73.24.02", "Kec. Nuha").Result); // only when all camat are invited
        Assert.DoesNotContain(form.Invitations, i => i.AgencyId == fixture.AgencyIdAsync("73.12", "DP3APPKB").Result);
    }

    [Fact]
    public async Task Lifecycle_PlannedHeldFinal_LocksTheMinutesAndRecordsAnAmendmentWithReason()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor siklus hidup", new DateOnly(2025, 3, 4));
        var held = await meetings.GetAsync(admin, id);
        Assert.Equal(MeetingStatus.Selesai, held!.Status);

        var finalized = await meetings.FinalizeAsync(admin, id, held.Form.Version);
        var final = await meetings.GetAsync(admin, id);
        var form = final!.Form;
        form.Decisions.Add(new DecisionForm { Text = "Kesepakatan tambahan setelah final." });
        var withoutReason = await meetings.UpdateAsync(admin, id, form);
        form.AmendmentReason = "Kesepakatan kedua tertinggal saat notulen difinalkan.";
        var withReason = await meetings.UpdateAsync(admin, id, form);
        var amended = await meetings.GetAsync(admin, id);

        Assert.True(finalized.Succeeded, finalized.Summary);
        Assert.Equal(MeetingStatus.NotulenFinal, final.Status);
        Assert.False(withoutReason.Succeeded);
        Assert.Contains("alasan perubahan", withoutReason.Errors[nameof(MeetingForm.AmendmentReason)][0]);
        Assert.True(withReason.Succeeded, withReason.Summary);
        var amendment = Assert.Single(amended!.Amendments);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", amendment.By); // records name people by display name
        Assert.Equal("Kesepakatan kedua tertinggal saat notulen difinalkan.", amendment.Reason);
        Assert.Contains("kesepakatan", amendment.Summary);
        Assert.Equal(2, amended.Form.Decisions.Count);
        Assert.Equal(MeetingStatus.NotulenFinal, amended.Status);
    }

    [Fact]
    public async Task Finalize_WithoutAttendanceOrNoteTaker_IsRefusedNamingWhatIsMissing()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor tanpa daftar hadir";
        form.Date = new DateOnly(2025, 2, 1);
        form.Venue = "Aula";
        var id = (await meetings.CreateAsync(admin, form)).Value;
        var loaded = await meetings.GetAsync(admin, id);
        Assert.True((await meetings.MarkHeldAsync(admin, id, loaded!.Form.Version)).Succeeded);
        loaded = await meetings.GetAsync(admin, id);

        var result = await meetings.FinalizeAsync(admin, id, loaded!.Form.Version);

        Assert.False(result.Succeeded);
        Assert.Contains("notulis", result.Errors[nameof(MeetingForm.NoteTakerName)][0]);
        Assert.Contains("daftar hadir", result.Errors[nameof(MeetingForm.Attendees)][0]);
    }

    [Fact]
    public async Task MarkHeld_ForAMeetingInTheFuture_IsRefused()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor yang akan datang";
        form.Date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        form.Venue = "Aula";
        var id = (await meetings.CreateAsync(admin, form)).Value;
        var loaded = await meetings.GetAsync(admin, id);

        var result = await meetings.MarkHeldAsync(admin, id, loaded!.Form.Version);

        Assert.False(result.Succeeded);
        Assert.Contains("setelah rapat berlangsung", result.Summary);
    }

    [Fact]
    public async Task Update_WhenSomeoneElseSavedFirst_IsAConflictAndKeepsTheFirstChange()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor dua penyunting", new DateOnly(2025, 4, 8));
        var first = (await meetings.GetAsync(admin, id))!.Form;
        var second = (await meetings.GetAsync(admin, id))!.Form;

        first.Venue = "Ruang Rapat Bappeda";
        var firstSave = await meetings.UpdateAsync(admin, id, first);
        second.Attendees.Add(new AttendeeForm { Name = "Peserta Kedua", GuestOrganisation = "Universitas" });
        var secondSave = await meetings.UpdateAsync(admin, id, second);
        var stored = (await meetings.GetAsync(admin, id))!.Form;

        Assert.True(firstSave.Succeeded, firstSave.Summary);
        Assert.True(secondSave.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, secondSave.Summary);
        Assert.Equal("Ruang Rapat Bappeda", stored.Venue);
        Assert.DoesNotContain(stored.Attendees, a => a.Name == "Peserta Kedua");
    }

    [Fact]
    public async Task Create_WithBadFields_SaysWhatIsWrongPerField()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "";
        form.StartTime = new TimeOnly(10, 0);
        form.EndTime = new TimeOnly(9, 0);
        form.ChairNip = "123";
        form.Attendees = [new AttendeeForm { Name = "Tamu tanpa asal" }];

        var result = await meetings.CreateAsync(admin, form);

        Assert.False(result.Succeeded);
        var errors = result.Outcome.Errors;
        Assert.Equal("Judul rapat wajib diisi.", errors[nameof(MeetingForm.Title)][0]);
        Assert.Equal("Jam selesai harus setelah jam mulai.", errors[nameof(MeetingForm.EndTime)][0]);
        Assert.Contains("18 angka", errors[nameof(MeetingForm.ChairNip)][0]);
        Assert.Contains("asal lembaga", errors["Attendees[0].AgencyId"][0]);
    }

    [Fact]
    public async Task Access_CamatLalabataAndAdminSoppeng_CannotReadLuwuTimurMeetingsOrMinutes()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor rahasia Lutim", new DateOnly(2025, 5, 6));

        foreach (var outsider in new[] { "camat.lalabata", "admin.soppeng" })
        {
            var actor = await fixture.ActorAsync(outsider);
            await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<MeetingService>().GetAsync(actor, id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<MinutesService>().BuildMinutesAsync(actor, id));
            var list = await fixture.Get<MeetingService>().ListAsync(actor, new MeetingQuery(Take: 200));
            Assert.DoesNotContain(list.Items, m => m.Id == id);
        }
    }

    [Fact]
    public async Task Access_CamatMalili_ReadsDistrictMeetingsButNotNuhasKecamatanMeeting()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var district = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor kabupaten untuk camat", new DateOnly(2025, 5, 13));
        var nuha = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor TPPS Kecamatan Nuha", new DateOnly(2025, 5, 14), "73.24.02");

        var readable = await fixture.Get<MeetingService>().GetAsync(camat, district);

        Assert.NotNull(readable);
        Assert.False(readable.CanEdit);
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<MeetingService>().GetAsync(camat, nuha));
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<MeetingService>().NewFormAsync(camat, "73.24"));
    }

    [Fact]
    public async Task Access_Pimpinan_CannotChangeAMeeting()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor dibaca pimpinan", new DateOnly(2025, 6, 3));
        var form = (await fixture.Get<MeetingService>().GetAsync(pimpinan, id))!.Form;
        form.Title = "Diubah pimpinan";

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<MeetingService>().UpdateAsync(pimpinan, id, form));
    }
}
