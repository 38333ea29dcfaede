using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Meetings;
using TppsPortal.Pdf;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Meetings;

/// <summary>Final minutes as fixed documents: versions, their PDFs read back, verification codes, attendance and signing.</summary>
public sealed partial class MinutesVersionTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private MeetingService Meetings => fixture.Get<MeetingService>();

    private MinutesService Minutes => fixture.Get<MinutesService>();

    [Fact]
    public async Task AFinalVersion_ReadsTheSameAfterAnActionsStatusChanges_WhileTheTrackerMovesOn()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor versi tetap", new DateOnly(2025, 9, 4));
        var action = await MeetingTestData.AddActionAsync(fixture, admin, id, "Pemutakhiran data keluarga berisiko stunting", "DP2KB", new DateOnly(2025, 10, 31));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version, "https://tpps.contoh.go.id/")).Succeeded);
        var before = (await Minutes.GetVersionAsync(admin, id, null))!;
        var beforeText = Squash(PdfTools.Text(before.Pdf));

        var actions = fixture.Get<ActionService>();
        var row = (await actions.ForMeetingAsync(admin, id)).Single(a => a.Id == action);
        Assert.True((await actions.RecordProgressAsync(admin, action, new ActionProgressForm { Status = ActionStatus.Selesai, Date = new DateOnly(2025, 10, 20), Note = "Selesai.", Version = row.Version })).Succeeded);

        var after = (await Minutes.GetVersionAsync(admin, id, null))!;
        Assert.Equal(1, after.Number);
        Assert.Equal(before.Pdf, after.Pdf);
        Assert.Equal(beforeText, Squash(PdfTools.Text(after.Pdf)));
        Assert.Contains("Belum", after.Document.Actions.Single().Status);
        Assert.Equal(after.Document, (await Minutes.BuildMinutesAsync(admin, id))!, new DocumentJsonComparer());
        Assert.Equal(ActionStatus.Selesai, (await actions.ForMeetingAsync(admin, id)).Single().Status);
        Assert.Contains("Status tindak lanjut per", beforeText);
    }

    [Fact]
    public async Task EveryPageOfAFinalVersion_CarriesItsVersion_CodeAndQrCode_InsideTheMargins()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor dengan kode verifikasi", new DateOnly(2025, 9, 5));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version, "https://tpps.contoh.go.id/")).Succeeded);
        var version = (await Minutes.GetVersionAsync(admin, id, 1))!;
        var code = version.Document.Verification!.PrintedCode;
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-final-v1.pdf"), version.Pdf);

        using var document = PdfDocument.Open(version.Pdf);
        Assert.True(document.NumberOfPages >= 2);
        foreach (var page in document.GetPages())
        {
            var text = Squash(page.Text);
            Assert.Contains($"Notulen final versi 1 · Kode verifikasi {code}".Replace(" ", ""), text.Replace(" ", ""));
            Assert.Contains($"verifikasi/{version.Document.Verification.Code}", text.Replace(" ", ""));
            Assert.NotEmpty(page.GetImages()); // the QR code
        }
        Assert.StartsWith("https://tpps.contoh.go.id/verifikasi/", version.Document.Verification.Url);
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, MinutesPdfRenderer.Margins);
        Assert.Equal(0, PdfTools.QpdfCheck(version.Pdf).ExitCode);
    }

    [Fact]
    public async Task AnAmendment_MakesVersion2_ThatDiffersOnlyWhereAmended_AndVersion1StaysAsItWas()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor yang diubah", new DateOnly(2025, 9, 8));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        var first = (await Minutes.GetVersionAsync(admin, id, 1))!;

        var form = (await Meetings.GetAsync(admin, id))!.Form;
        form.Venue = "Ruang Rapat Sekretaris Daerah";
        form.AmendmentReason = "Tempat rapat salah tulis pada notulen.";
        Assert.True((await Meetings.UpdateAsync(admin, id, form)).Succeeded);

        var second = (await Minutes.GetVersionAsync(admin, id, null))!;
        Assert.Equal(2, second.Number);
        Assert.Equal(first.Pdf, (await Minutes.GetVersionAsync(admin, id, 1))!.Pdf);
        var code1 = first.Document.Verification!.Code;
        var code2 = second.Document.Verification!.Code;
        Assert.NotEqual(code1, code2);
        // The documents differ where amended (the venue), in what says which version this is, and in the record of
        // the amendment; everything else is the same.
        var venue = (Func<MinutesDocument, string>)(d => d.Particulars.Single(p => p.Label == "Tempat").Value);
        Assert.Equal("Aula Kantor Bupati", venue(first.Document));
        Assert.Equal("Ruang Rapat Sekretaris Daerah", venue(second.Document));
        Assert.Empty(first.Document.Amendments);
        Assert.Equal("Tempat rapat salah tulis pada notulen.", second.Document.Amendments.Single().Reason);
        Assert.Equal("Notulen final versi 2, menggantikan versi 1 (lihat catatan perubahan).", second.Document.StatusNote);
        var rest = second.Document with
        {
            Particulars = first.Document.Particulars, Amendments = first.Document.Amendments, StatusNote = first.Document.StatusNote,
            Verification = first.Document.Verification, Info = first.Document.Info,
        };
        Assert.Equal(first.Document, rest, new DocumentJsonComparer());
        var text1 = Squash(PdfTools.Text(first.Pdf));
        var text2 = Squash(PdfTools.Text(second.Pdf));
        Assert.Contains("Aula Kantor Bupati", text1);
        Assert.DoesNotContain("Ruang Rapat Sekretaris Daerah", text1);
        Assert.Contains("Ruang Rapat Sekretaris Daerah", text2);
        Assert.Contains("Notulen final versi 2, menggantikan versi 1", text2);
        Assert.Contains($"Kode verifikasi {code2[..5]}-{code2[5..]}", text2);
        Assert.DoesNotContain(code1, text2);

        var listed = await Minutes.ListVersionsAsync(admin, id);
        Assert.Equal([1, 2], listed.Select(v => v.Number));
        Assert.Equal("Tempat rapat salah tulis pada notulen.", listed[1].Reason);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", listed[1].FinalizedBy);
    }

    [Fact]
    public async Task TheVerificationPage_ShowsTheVersionOfACode_ItsHashAndWhoFinalised_AndKnowsNoOtherCode()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor untuk verifikasi", new DateOnly(2025, 9, 9));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        var form = (await Meetings.GetAsync(admin, id))!.Form;
        form.Purpose = "Menyepakati langkah percepatan penurunan stunting tahun 2026.";
        form.AmendmentReason = "Latar belakang rapat belum ditulis.";
        Assert.True((await Meetings.UpdateAsync(admin, id, form)).Succeeded);
        var first = (await Minutes.GetVersionAsync(admin, id, 1))!;
        var code = first.Document.Verification!.Code;

        var found = await Minutes.VerifyAsync($"{code[..5].ToLowerInvariant()}-{code[5..]}");
        Assert.NotNull(found);
        Assert.Equal((1, 2, false), (found.Version, found.LatestVersion, found.IsLatest));
        Assert.Equal("Rakor untuk verifikasi", found.MeetingTitle);
        Assert.Equal("Selasa, 9 September 2025", found.MeetingDate);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", found.FinalizedBy);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first.Pdf)), found.Sha256);
        Assert.Equal(2, (await Minutes.VerifyAsync(first.Document.Verification.Url.Replace(code, (await Minutes.GetVersionAsync(admin, id, 2))!.Document.Verification!.Code, StringComparison.Ordinal)))!.Version);

        Assert.Null(await Minutes.VerifyAsync("ZZZZZ-ZZZZZ"));
        Assert.Null(await Minutes.VerifyAsync("bukan kode"));
        Assert.Null(await Minutes.VerifyAsync(code[..9]));
    }

    [Fact]
    public async Task TheMinutes_CountPeopleAndAgenciesAlike_AndNameRepresentedAndAbsentAgencies()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = Meetings;
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor kehadiran instansi";
        form.Date = new DateOnly(2025, 9, 10);
        form.Venue = "Aula Bappeda";
        var dinkes = await fixture.AgencyIdAsync("73.24", "Dinkes");
        var dp2kb = await fixture.AgencyIdAsync("73.24", "DP2KB");
        var bappeda = await fixture.AgencyIdAsync("73.24", "Bappeda");
        form.Invitations =
        [
            new InvitationForm { AgencyId = dinkes, Attendance = AttendanceStatus.Hadir },
            new InvitationForm { AgencyId = dp2kb, Attendance = AttendanceStatus.Diwakili },
            new InvitationForm { AgencyId = bappeda, Attendance = AttendanceStatus.TidakHadir },
        ];
        form.Attendees =
        [
            new AttendeeForm { Name = "dr. Rosmini", Position = "Kepala Dinas Kesehatan", AgencyId = dinkes },
            new AttendeeForm { Name = "Andi Nurhayati", Position = "Kepala Bidang KB", AgencyId = dp2kb },
            new AttendeeForm { Name = "Hasmawati", Position = "Bidan Koordinator", GuestOrganisation = "IBI Cabang Luwu Timur" },
        ];
        form.OnlineParticipants = 5;
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);

        var doc = (await Minutes.BuildMinutesAsync(admin, created.Value))!;

        Assert.Equal("3 orang dari 3 instansi/lembaga (daftar hadir terlampir); 5 orang mengikuti secara daring.", doc.Particulars.Single(p => p.Label == "Peserta").Value);
        var lines = doc.AgencyAttendance.ToDictionary(l => l.Label, l => l.Value);
        Assert.Equal(["Hadir (1)", "Diwakili (1)", "Tidak hadir (1)"], lines.Keys);
        Assert.Contains("Dinas Kesehatan", lines["Hadir (1)"]);
        Assert.Contains("(oleh Andi Nurhayati (Kepala Bidang KB))", lines["Diwakili (1)"]);
        Assert.Contains("Badan Perencanaan", lines["Tidak hadir (1)"]);
        var text = Squash(PdfTools.Text(MinutesPdfRenderer.Render(doc)));
        Assert.Contains("Kehadiran instansi yang diundang", text);
        Assert.Contains("oleh Andi Nurhayati", text);
        Assert.Contains("5 orang mengikuti secara daring", text);
    }

    [Fact]
    public async Task TheSigningLine_CarriesTheSetPlaceAndDate_OrTheMeetingsDateAndTheDistrictsSeat()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor tanggal tanda tangan", new DateOnly(2025, 9, 4));
        Assert.Equal("Malili, 4 September 2025", (await Minutes.BuildMinutesAsync(admin, id))!.SigningPlaceAndDate);

        var form = (await Meetings.GetAsync(admin, id))!.Form;
        form.SigningPlace = "Sorowako";
        form.SigningDate = new DateOnly(2025, 9, 8);
        Assert.True((await Meetings.UpdateAsync(admin, id, form)).Succeeded);
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);

        var text = Squash(PdfTools.Text((await Minutes.GetVersionAsync(admin, id, null))!.Pdf));
        Assert.Contains("Sorowako, 8 September 2025", text);

        form = (await Meetings.GetAsync(admin, id))!.Form;
        form.SigningPlace = new string('S', Meeting.SigningPlaceMaxLength + 1);
        form.AmendmentReason = "Tempat tanda tangan diubah.";
        var tooLong = await Meetings.UpdateAsync(admin, id, form);
        Assert.Equal(["Tempat penandatanganan terlalu panjang: 101 karakter, paling banyak 100."], tooLong.Errors[nameof(MeetingForm.SigningPlace)]);

        form = (await Meetings.GetAsync(admin, id))!.Form;
        form.SigningDate = new DateOnly(2025, 9, 1);
        form.AmendmentReason = "Tanggal tanda tangan diubah.";
        var refused = await Meetings.UpdateAsync(admin, id, form);
        Assert.False(refused.Succeeded);
        Assert.Equal("Tanggal penandatanganan tidak boleh sebelum tanggal rapat.", refused.Errors[nameof(MeetingForm.SigningDate)].Single());
    }

    [Fact]
    public async Task FinalisingAndAmending_NameThePersonByDisplayName_NotBySignInName()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor nama tampilan", new DateOnly(2025, 9, 11));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        var form = (await Meetings.GetAsync(admin, id))!.Form;
        form.GeneralNotes = "Rapat dibuka pukul 09.00 oleh Wakil Bupati.";
        form.AmendmentReason = "Catatan umum belum dimasukkan.";
        Assert.True((await Meetings.UpdateAsync(admin, id, form)).Succeeded);

        var details = (await Meetings.GetAsync(admin, id))!;
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", details.FinalizedBy);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", details.Amendments.Single().By);
        await using var db = fixture.CreateContext();
        Assert.DoesNotContain(await db.MinutesVersions.Where(v => v.MeetingId == id).Select(v => v.FinalizedBy).ToListAsync(), n => n == "admin.lutim");
    }

    [Fact]
    public async Task FinalMinutesFromBeforeVersionsExisted_GetVersion1OnceAfterTheUpgrade_UnderTheirFinalisersName()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor final sebelum versi", new DateOnly(2025, 9, 12));
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        await using (var db = fixture.CreateContext())
        {
            // As an upgraded database has it: final, finalised by someone, and no version.
            await db.MinutesVersions.Where(v => v.MeetingId == id).ExecuteDeleteAsync();
            await db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.FinalizedBy, "Sekretaris TPPS Lama"));
        }
        Assert.Null(await Minutes.GetVersionAsync(admin, id, null));

        Assert.True(await Minutes.FixUnversionedFinalMinutesAsync() >= 1);
        Assert.Equal(0, await Minutes.FixUnversionedFinalMinutesAsync());

        var version = (await Minutes.GetVersionAsync(admin, id, null))!;
        Assert.Equal(1, version.Number);
        Assert.Equal("Notulen final.", version.Document.StatusNote);
        Assert.Equal("Sekretaris TPPS Lama", (await Minutes.ListVersionsAsync(admin, id)).Single().FinalizedBy);
    }

    [Fact]
    public async Task MarkingAFutureMeetingAsHeld_IsRefusedWithItsDateInWords()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await Meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor yang akan datang";
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).Date).AddDays(13);
        form.Date = date;
        form.Venue = "Aula Bappeda";
        var created = await Meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);

        var refused = await Meetings.MarkHeldAsync(admin, created.Value, (await Meetings.GetAsync(admin, created.Value))!.Form.Version);

        Assert.Equal($"Rapat dijadwalkan {Common.IndonesianFormat.DayAndDate(date)}; tandai selesai setelah rapat berlangsung.", refused.Errors[""].Single());
        Assert.DoesNotContain(date.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture), refused.Summary);
    }

    private static string Squash(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Documents compared as stored: by their JSON (records with lists compare lists by reference).</summary>
    private sealed class DocumentJsonComparer : IEqualityComparer<MinutesDocument>
    {
        public bool Equals(MinutesDocument? x, MinutesDocument? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(MinutesDocument obj) => 0;
    }
}
