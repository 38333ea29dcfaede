using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Meetings;

public sealed class ActionServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task CarriedOver_InALaterMeeting_ListsOpenActionsOfEarlierMeetingsAndUpdatingThereUpdatesTheSameAction()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var actions = fixture.Get<ActionService>();
        var first = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor Maret (tindak lanjut)", new DateOnly(2025, 3, 11));
        var open = await MeetingTestData.AddActionAsync(fixture, admin, first, "Rekap data posyandu", "Dinkes", new DateOnly(2025, 4, 30));
        var done = await MeetingTestData.AddActionAsync(fixture, admin, first, "Surat edaran camat", "Setda", new DateOnly(2025, 3, 31));
        var doneRow = (await actions.ForMeetingAsync(admin, first)).Single(a => a.Id == done);
        Assert.True((await actions.RecordProgressAsync(admin, done, new ActionProgressForm { Status = ActionStatus.Selesai, Date = new DateOnly(2025, 3, 30), Note = "Terbit.", Version = doneRow.Version })).Succeeded);
        var second = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor Juni (tindak lanjut)", new DateOnly(2025, 6, 10));

        var carried = await actions.CarriedOverAsync(admin, second);
        var row = carried.Single(a => a.Id == open);
        var update = await actions.RecordProgressAsync(admin, open, new ActionProgressForm { Status = ActionStatus.Proses, Date = new DateOnly(2025, 6, 10), Note = "Sudah 8 dari 11 kecamatan.", Version = row.Version });
        var inFirst = (await actions.ForMeetingAsync(admin, first)).Single(a => a.Id == open);

        Assert.DoesNotContain(carried, a => a.Id == done);
        Assert.True(row.IsOverdue);
        Assert.True(update.Succeeded, update.Summary);
        Assert.Equal(ActionStatus.Proses, inFirst.Status);
        Assert.Equal("Sudah 8 dari 11 kecamatan.", inFirst.Progress.Last().Note);
        var later = await MeetingTestData.AddActionAsync(fixture, admin, second, "Aksi rapat Juni", "Bappeda", new DateOnly(2025, 7, 31));
        var carriedIntoFirst = await actions.CarriedOverAsync(admin, first);
        Assert.DoesNotContain(carriedIntoFirst, a => a.MeetingId == first || a.Id == later); // never its own, never a later meeting's
    }

    [Fact]
    public async Task CarriedOver_ComeByTheirMeetingThenTheirNumberThere_NotByDueDate()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var actions = fixture.Get<ActionService>();
        var january = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor urutan Januari", new DateOnly(2021, 1, 12));
        var march = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor urutan Maret", new DateOnly(2021, 3, 9));
        var later = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor urutan Mei", new DateOnly(2021, 5, 11));
        var j1 = await MeetingTestData.AddActionAsync(fixture, admin, january, "Januari satu", "Dinkes", new DateOnly(2021, 6, 30));
        var j2 = await MeetingTestData.AddActionAsync(fixture, admin, january, "Januari dua", "Bappeda", new DateOnly(2021, 4, 30));
        var m1 = await MeetingTestData.AddActionAsync(fixture, admin, march, "Maret satu", "DP2KB", new DateOnly(2021, 3, 31));

        var carried = (await actions.CarriedOverAsync(admin, later)).Where(a => a.MeetingId == january || a.MeetingId == march).ToList();

        Assert.Equal([j1, j2, m1], carried.Select(a => a.Id));
        Assert.Equal([1, 2, 1], carried.Select(a => a.Number));
    }

    [Fact]
    public async Task OperatorOpd_SeesAndUpdatesOnlyItsOwnAgencysActions()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var actions = fixture.Get<ActionService>();
        var meeting = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor OPD", new DateOnly(2025, 7, 1));
        var own = await MeetingTestData.AddActionAsync(fixture, admin, meeting, "Data keluarga berisiko", "DP2KB", new DateOnly(2025, 8, 1));
        var other = await MeetingTestData.AddActionAsync(fixture, admin, meeting, "Pemberian makanan tambahan", "Dinkes", new DateOnly(2025, 8, 1));

        var visible = await actions.ListAsync(opd, new ActionQuery(Take: 500));
        var ownRow = visible.Items.Single(a => a.Id == own);
        var updated = await actions.RecordProgressAsync(opd, own, new ActionProgressForm { Status = ActionStatus.Proses, Note = "Pendataan berjalan.", Version = ownRow.Version });

        Assert.All(visible.Items, a => Assert.Equal("DP2KB", a.ResponsibleAgency));
        Assert.DoesNotContain(visible.Items, a => a.Id == other);
        Assert.True(ownRow.CanUpdate);
        Assert.True(updated.Succeeded, updated.Summary);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            actions.RecordProgressAsync(opd, other, new ActionProgressForm { Status = ActionStatus.Selesai, Note = "Bukan urusan saya.", Version = 0 }));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            actions.CreateAsync(opd, meeting, new ActionForm { Description = "x", ResponsibleAgencyId = 1, DueDate = new DateOnly(2025, 9, 1) }));
    }

    [Fact]
    public async Task RecordProgress_WithAStaleVersion_IsAConflict()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var actions = fixture.Get<ActionService>();
        var meeting = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor konflik tindak lanjut", new DateOnly(2025, 7, 8));
        var id = await MeetingTestData.AddActionAsync(fixture, admin, meeting, "Pelatihan kader", "TP PKK", new DateOnly(2025, 9, 1));
        var stale = (await actions.ForMeetingAsync(admin, meeting)).Single(a => a.Id == id).Version;

        var first = await actions.RecordProgressAsync(admin, id, new ActionProgressForm { Status = ActionStatus.Proses, Note = "Mulai.", Version = stale });
        var second = await actions.RecordProgressAsync(admin, id, new ActionProgressForm { Status = ActionStatus.Batal, Note = "Batal.", Version = stale });

        Assert.True(first.Succeeded);
        Assert.True(second.IsConflict);
        Assert.Equal(ActionStatus.Proses, (await actions.ForMeetingAsync(admin, meeting)).Single(a => a.Id == id).Status);
    }

    [Fact]
    public async Task Create_OnFinalMinutes_NeedsAReasonAndRecordsAnAmendment()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var meeting = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor final tindak lanjut", new DateOnly(2025, 7, 15));
        Assert.True((await meetings.FinalizeAsync(admin, meeting, (await meetings.GetAsync(admin, meeting))!.Form.Version)).Succeeded);
        var form = new ActionForm { Description = "Tindak lanjut susulan", ResponsibleAgencyId = await fixture.AgencyIdAsync("73.24", "Bappeda"), DueDate = new DateOnly(2025, 8, 31) };

        var refused = await fixture.Get<ActionService>().CreateAsync(admin, meeting, form);
        form.AmendmentReason = "Tertinggal saat penyusunan notulen.";
        var accepted = await fixture.Get<ActionService>().CreateAsync(admin, meeting, form);

        Assert.False(refused.Succeeded);
        Assert.True(accepted.Succeeded, accepted.Outcome.Summary);
        var amendment = Assert.Single((await meetings.GetAsync(admin, meeting))!.Amendments);
        Assert.Contains("Tindak lanjut nomor 1 ditambahkan", amendment.Summary);
    }

    [Fact]
    public async Task AttendanceRates_CountPresentAndRepresentedOverRecordedInvitations()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor kehadiran", new DateOnly(2025, 8, 5), "73.12");
        var form = (await meetings.GetAsync(admin, id))!.Form;
        var bps = await fixture.AgencyIdAsync("73.12", "BPS");
        form.Invitations.Single(i => i.AgencyId == bps).Attendance = AttendanceStatus.TidakHadir;
        Assert.True((await meetings.UpdateAsync(admin, id, form)).Succeeded);

        var rates = await fixture.Get<ActionService>().AttendanceRatesAsync(admin, "73.12", new DateOnly(2025, 8, 5), new DateOnly(2025, 8, 5));

        var row = rates.Single(r => r.AgencyId == bps);
        Assert.Equal(1, row.Invited);
        Assert.Equal(1, row.Absent);
        Assert.Equal(0, row.Rate);
        Assert.DoesNotContain(rates, r => r.Agency.Contains("Luwu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttendanceRates_AcrossDistricts_NameTheRegionOfOfficesThatShareAName()
    {
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");

        var rates = await fixture.Get<ActionService>().AttendanceRatesAsync(pemantau, null, null, null);

        Assert.Contains(rates, r => r.Agency == "Dinas Kesehatan (Dinkes), Kabupaten Luwu Timur");
        Assert.Contains(rates, r => r.Agency == "Dinas Kesehatan (Dinkes), Kabupaten Soppeng");
        Assert.Contains(rates, r => r.Agency == "Ikatan Bidan Indonesia Kabupaten Soppeng (IBI)"); // unique: as it is
    }

    [Fact]
    public async Task HeldMeetingYears_AreThoseOfMeetingsThatTookPlace_WithinTheScope()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor tahun lalu", new DateOnly(2023, 3, 7), "73.12");
        var planned = await fixture.Get<MeetingService>().NewFormAsync(admin, "73.12");
        planned.Title = "Rakor yang belum diadakan";
        planned.Date = new DateOnly(2021, 5, 4);
        planned.Venue = "Aula Kantor DP3APPKB";
        Assert.True((await fixture.Get<MeetingService>().CreateAsync(admin, planned)).Succeeded);

        var soppeng = await fixture.Get<ActionService>().HeldMeetingYearsAsync(admin, "73.12");
        var lutimFromSoppeng = await fixture.Get<ActionService>().HeldMeetingYearsAsync(admin, "73.24");

        Assert.Contains(2024, soppeng); // the seeded Rakor Teknis of 3 December 2024
        Assert.Contains(2023, soppeng);
        Assert.DoesNotContain(2021, soppeng); // planned, not held
        Assert.Equal(soppeng.OrderDescending(), soppeng);
        Assert.Empty(lutimFromSoppeng); // Luwu Timur's 2024 rakor lies outside admin.soppeng's scope
    }
}
