using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Meetings;

/// <summary>
/// Every text the meeting form writes is checked against its column's length before the database sees it: an
/// over-long field is a message at that field, naming the row, and nothing is stored; a field exactly at the
/// limit is stored whole.
/// </summary>
public sealed class MeetingLimitsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Create_WithA300CharacterPositionOnTheFourthAttendee_IsRefusedAtThatFieldAndStoresNothing()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await NewFormAsync(admin, "Rakor dengan jabatan terlalu panjang");
        form.Attendees = Enumerable.Range(1, 4)
            .Select(i => new AttendeeForm { Name = $"Peserta {i}", Position = "Staf", GuestOrganisation = "Universitas Hasanuddin" }).ToList();
        form.Attendees[3].Position = new string('j', 300);

        var result = await fixture.Get<MeetingService>().CreateAsync(admin, form);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Outcome.Errors);
        Assert.Equal("Attendees[3].Position", error.Key);
        Assert.Equal(["Jabatan peserta ke-4 terlalu panjang: 300 karakter, paling banyak 200."], error.Value);
        Assert.Equal(0, await CountAsync("Rakor dengan jabatan terlalu panjang"));
    }

    [Theory]
    [InlineData("Title", Meeting.TitleMaxLength, "Judul rapat terlalu panjang: 301 karakter, paling banyak 300.")]
    [InlineData("Venue", Meeting.VenueMaxLength, "Tempat rapat terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Purpose", Meeting.TextMaxLength, "Latar belakang dan tujuan terlalu panjang: 20.001 karakter, paling banyak 20.000.")]
    [InlineData("GeneralNotes", Meeting.TextMaxLength, "Catatan umum terlalu panjang: 20.001 karakter, paling banyak 20.000.")]
    [InlineData("ChairName", Meeting.PersonNameMaxLength, "Nama pimpinan rapat terlalu panjang: 151 karakter, paling banyak 150.")]
    [InlineData("ChairPosition", Meeting.PositionMaxLength, "Jabatan pimpinan rapat terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("NoteTakerName", Meeting.PersonNameMaxLength, "Nama notulis terlalu panjang: 151 karakter, paling banyak 150.")]
    [InlineData("NoteTakerPosition", Meeting.PositionMaxLength, "Jabatan notulis terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Agenda[1].Title", Meeting.TitleMaxLength, "Judul acara ke-2 terlalu panjang: 301 karakter, paling banyak 300.")]
    [InlineData("Agenda[1].Notes", Meeting.TextMaxLength, "Catatan pembahasan acara ke-2 terlalu panjang: 20.001 karakter, paling banyak 20.000.")]
    [InlineData("Speakers[1].Name", Meeting.PersonNameMaxLength, "Nama narasumber ke-2 terlalu panjang: 151 karakter, paling banyak 150.")]
    [InlineData("Speakers[1].Position", Meeting.PositionMaxLength, "Jabatan narasumber ke-2 terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Speakers[1].Origin", Meeting.PositionMaxLength, "Asal narasumber ke-2 terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Speakers[1].Topic", Meeting.TitleMaxLength, "Topik/materi narasumber ke-2 terlalu panjang: 301 karakter, paling banyak 300.")]
    [InlineData("Attendees[1].Name", Meeting.PersonNameMaxLength, "Nama peserta ke-2 terlalu panjang: 151 karakter, paling banyak 150.")]
    [InlineData("Attendees[1].Position", Meeting.PositionMaxLength, "Jabatan peserta ke-2 terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Attendees[1].GuestOrganisation", Meeting.PositionMaxLength, "Asal lembaga peserta ke-2 terlalu panjang: 201 karakter, paling banyak 200.")]
    [InlineData("Decisions[1].Text", Meeting.TextMaxLength, "Kesepakatan ke-2 terlalu panjang: 20.001 karakter, paling banyak 20.000.")]
    public async Task Create_WithOneFieldOneCharacterOverItsColumn_IsRefusedAtThatFieldAndStoresNothing(string key, int max, string message)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var title = "Rakor batas " + key;
        var form = await FullFormAsync(admin, title);
        Set(form, key, "  " + new string('x', max + 1) + "  "); // trimmed before it is measured, as before it is stored

        var result = await fixture.Get<MeetingService>().CreateAsync(admin, form);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Outcome.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal([message], error.Value);
        Assert.Equal(0, await CountAsync(key == "Title" ? new string('x', max + 1) : title));
    }

    [Fact]
    public async Task Create_WithEveryFieldExactlyAtItsLimit_StoresEveryCharacter()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await FullFormAsync(admin, new string('J', Meeting.TitleMaxLength));
        form.Venue = new string('T', Meeting.VenueMaxLength);
        form.Purpose = new string('L', Meeting.TextMaxLength);
        form.GeneralNotes = new string('C', Meeting.TextMaxLength);
        form.ChairName = new string('N', Meeting.PersonNameMaxLength);
        form.ChairPosition = new string('P', Meeting.PositionMaxLength);
        form.ChairNip = "19700101 199003 1 001";
        form.NoteTakerName = new string('n', Meeting.PersonNameMaxLength);
        form.NoteTakerPosition = new string('p', Meeting.PositionMaxLength);
        form.Agenda[1] = new AgendaForm { Title = new string('a', Meeting.TitleMaxLength), Notes = new string('c', Meeting.TextMaxLength) };
        form.Speakers[1] = new SpeakerForm
        {
            Name = new string('s', Meeting.PersonNameMaxLength), Position = new string('q', Meeting.PositionMaxLength),
            Origin = new string('o', Meeting.PositionMaxLength), Topic = new string('t', Meeting.TitleMaxLength),
        };
        // PostgreSQL counts characters, not UTF-16 units: 150 emoji are 150 characters (300 units) and fit.
        form.Attendees[1] = new AttendeeForm
        {
            Name = string.Concat(Enumerable.Repeat("\U0001F642", Meeting.PersonNameMaxLength)),
            Position = new string('j', Meeting.PositionMaxLength), GuestOrganisation = new string('g', Meeting.PositionMaxLength),
        };
        form.Decisions[1] = new DecisionForm { Text = new string('k', Meeting.TextMaxLength) };

        var created = await meetings.CreateAsync(admin, form);

        Assert.True(created.Succeeded, created.Outcome.Summary);
        var stored = (await meetings.GetAsync(admin, created.Value))!.Form;
        Assert.Equal(form.Title, stored.Title);
        Assert.Equal(form.Venue, stored.Venue);
        Assert.Equal(form.Purpose, stored.Purpose);
        Assert.Equal(form.GeneralNotes, stored.GeneralNotes);
        Assert.Equal(form.ChairName, stored.ChairName);
        Assert.Equal(form.ChairPosition, stored.ChairPosition);
        Assert.Equal("19700101 199003 1 001", stored.ChairNip);
        Assert.Equal(form.NoteTakerName, stored.NoteTakerName);
        Assert.Equal(form.NoteTakerPosition, stored.NoteTakerPosition);
        Assert.Equal(form.Agenda[1].Title, stored.Agenda[1].Title);
        Assert.Equal(form.Agenda[1].Notes, stored.Agenda[1].Notes);
        Assert.Equivalent(form.Speakers[1], stored.Speakers[1]);
        Assert.Equal(form.Attendees[1].Name, stored.Attendees[1].Name);
        Assert.Equal(form.Attendees[1].Position, stored.Attendees[1].Position);
        Assert.Equal(form.Attendees[1].GuestOrganisation, stored.Attendees[1].GuestOrganisation);
        Assert.Equal(form.Decisions[1].Text, stored.Decisions[1].Text);
    }

    [Fact]
    public async Task Update_WithAnOverLongDecision_IsRefusedAtThatDecisionAndKeepsWhatWasStored()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor kesepakatan panjang", new DateOnly(2025, 7, 1));
        var form = (await meetings.GetAsync(admin, id))!.Form;
        form.Venue = "Tempat yang tidak boleh tersimpan";
        form.Decisions.Add(new DecisionForm { Text = new string('k', Meeting.TextMaxLength + 5) });

        var result = await meetings.UpdateAsync(admin, id, form);

        Assert.False(result.Succeeded);
        Assert.Equal(["Kesepakatan ke-2 terlalu panjang: 20.005 karakter, paling banyak 20.000."], result.Errors["Decisions[1].Text"]);
        var stored = (await meetings.GetAsync(admin, id))!.Form;
        Assert.Equal("Aula Kantor Bupati", stored.Venue);
        Assert.Single(stored.Decisions);
    }

    [Fact]
    public async Task Update_OfFinalMinutesWithAnOverLongReason_IsRefusedAtTheReason()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor alasan panjang", new DateOnly(2025, 7, 2));
        var held = (await meetings.GetAsync(admin, id))!.Form;
        Assert.True((await meetings.FinalizeAsync(admin, id, held.Version)).Succeeded);
        var form = (await meetings.GetAsync(admin, id))!.Form;
        form.Venue = "Ruang Rapat Bappeda";
        form.AmendmentReason = new string('r', Amendment.ReasonMaxLength + 1);

        var result = await meetings.UpdateAsync(admin, id, form);

        Assert.False(result.Succeeded);
        Assert.Equal(["Alasan perubahan terlalu panjang: 2.001 karakter, paling banyak 2.000."], result.Errors[nameof(MeetingForm.AmendmentReason)]);
        Assert.Empty((await meetings.GetAsync(admin, id))!.Amendments);
    }

    [Fact]
    public async Task Create_WithTextPostgreSqlCannotHold_IsRefusedAtThatFieldInsteadOfFailingInTheDatabase()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await NewFormAsync(admin, "Rakor teks tersalin");
        form.Speakers = [new SpeakerForm { Name = "Narasumber", Topic = "Materi\0 tersalin" }];
        form.Attendees = [new AttendeeForm { Name = "Tamu", Position = "Staf \uD800", GuestOrganisation = "Universitas" }];
        form.NoteTakerNip = "1 9 7 0 0 1 0 1 1 9 9 0 0 3 1 0 0 1";

        var result = await fixture.Get<MeetingService>().CreateAsync(admin, form);

        Assert.False(result.Succeeded);
        Assert.Equal(
            new[] { "Attendees[0].Position", nameof(MeetingForm.NoteTakerNip), "Speakers[0].Topic" },
            result.Outcome.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("Topik/materi narasumber ke-1 berisi karakter yang tidak dapat disimpan", result.Outcome.Errors["Speakers[0].Topic"][0]);
        Assert.StartsWith("Jabatan peserta ke-1 berisi karakter", result.Outcome.Errors["Attendees[0].Position"][0]);
        Assert.Equal("NIP notulis terlalu panjang: 35 karakter, paling banyak 21.", result.Outcome.Errors[nameof(MeetingForm.NoteTakerNip)][0]);
        Assert.Equal(0, await CountAsync("Rakor teks tersalin"));
    }

    [Fact]
    public void CheckAttendee_ForThePersonAboutToBeAdded_UsesPlainKeysAndNamesNoRow()
    {
        var errors = new ErrorBag();

        MeetingFormRules.CheckAttendee(new AttendeeForm { Name = "Tamu", Position = new string('j', 300) }, "", "", errors);

        var result = errors.ToResult();
        Assert.Equal(["Jabatan peserta terlalu panjang: 300 karakter, paling banyak 200."], result.Errors[nameof(AttendeeForm.Position)]);
        Assert.Equal(["Pilih instansi, atau pilih tamu dan tulis asal lembaganya."], result.Errors[nameof(AttendeeForm.AgencyId)]);
    }

    private async Task<MeetingForm> NewFormAsync(Actor admin, string title)
    {
        var form = await fixture.Get<MeetingService>().NewFormAsync(admin, "73.24");
        form.Title = title;
        form.Date = new DateOnly(2025, 6, 17);
        form.Venue = "Aula Kantor Bupati";
        return form;
    }

    /// <summary>A form with two rows in every list, all valid, so that one field can be made too long.</summary>
    private async Task<MeetingForm> FullFormAsync(Actor admin, string title)
    {
        var form = await NewFormAsync(admin, title);
        form.Purpose = "Membahas kemajuan intervensi.";
        form.NoteTakerName = "Notulis Uji";
        form.NoteTakerPosition = "Staf Sekretariat";
        form.Agenda = [new AgendaForm { Title = "Pembukaan" }, new AgendaForm { Title = "Laporan", Notes = "Dibahas." }];
        form.Speakers = [new SpeakerForm { Name = "Narasumber 1" }, new SpeakerForm { Name = "Narasumber 2", Position = "Dosen", Origin = "Unhas", Topic = "Gizi" }];
        form.Attendees =
        [
            new AttendeeForm { Name = "Peserta 1", Position = "Kepala", AgencyId = form.Invitations[0].AgencyId },
            new AttendeeForm { Name = "Peserta 2", Position = "Staf", GuestOrganisation = "Universitas" },
        ];
        form.Decisions = [new DecisionForm { Text = "Kesepakatan satu." }, new DecisionForm { Text = "Kesepakatan dua." }];
        return form;
    }

    private static void Set(MeetingForm f, string key, string value)
    {
        switch (key)
        {
            case "Title": f.Title = value; break;
            case "Venue": f.Venue = value; break;
            case "Purpose": f.Purpose = value; break;
            case "GeneralNotes": f.GeneralNotes = value; break;
            case "ChairName": f.ChairName = value; break;
            case "ChairPosition": f.ChairPosition = value; break;
            case "NoteTakerName": f.NoteTakerName = value; break;
            case "NoteTakerPosition": f.NoteTakerPosition = value; break;
            case "Agenda[1].Title": f.Agenda[1].Title = value; break;
            case "Agenda[1].Notes": f.Agenda[1].Notes = value; break;
            case "Speakers[1].Name": f.Speakers[1].Name = value; break;
            case "Speakers[1].Position": f.Speakers[1].Position = value; break;
            case "Speakers[1].Origin": f.Speakers[1].Origin = value; break;
            case "Speakers[1].Topic": f.Speakers[1].Topic = value; break;
            case "Attendees[1].Name": f.Attendees[1].Name = value; break;
            case "Attendees[1].Position": f.Attendees[1].Position = value; break;
            case "Attendees[1].GuestOrganisation": f.Attendees[1].GuestOrganisation = value; break;
            case "Decisions[1].Text": f.Decisions[1].Text = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key, "No such field in the test's form.");
        }
    }

    private async Task<int> CountAsync(string title)
    {
        await using var db = fixture.CreateContext();
        return await db.Meetings.CountAsync(m => m.Title == title);
    }
}
