using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Meetings;

/// <summary>Self check-in against PostgreSQL: the meeting day only, the invited agencies, limits, signatures in the minutes.</summary>
public sealed class CheckInServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private CheckInService CheckIns => fixture.Get<CheckInService>();

    private MeetingService Meetings => fixture.Get<MeetingService>();

    private static DateOnly TodayWita => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).Date);

    [Fact]
    public async Task OnTheMeetingDay_AParticipantChecksIn_AndIsInTheList_TheMinutes_AndTheirSignatureInTheDaftarHadirPdf()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor dengan daftar hadir mandiri", TodayWita);
        var token = await TokenAsync(admin, id);
        var notified = 0;
        using var subscription = fixture.Get<CheckInNotifier>().Subscribe(id, () =>
        {
            Interlocked.Increment(ref notified);
            return Task.CompletedTask;
        });

        var invitation = (await CheckIns.OpenAsync(token))!;
        Assert.Null(invitation.ClosedReason);
        Assert.Equal("Rakor dengan daftar hadir mandiri", invitation.Title);
        var bkkbn = invitation.Agencies.First(a => a.ShortName == "DP2KB");
        var result = await CheckIns.CheckInAsync(token, new CheckInForm
        {
            Name = "Andi Rahmawati, S.KM",
            Position = "Kepala Bidang Keluarga Berencana",
            AgencyId = bkkbn.Id,
            Signature = SignaturePng(),
        });
        Assert.True(result.Succeeded, result.Outcome.Summary);
        Assert.False(result.Value!.AlreadyThere);
        Assert.EndsWith("WITA", result.Value.Time);
        Assert.Equal(1, notified);

        var row = Assert.Single(await CheckIns.ListAsync(admin, id));
        Assert.Equal(("Andi Rahmawati, S.KM", bkkbn.Name), (row.Name, row.Agency));
        Assert.NotNull(row.Signature);
        using (var stored = SKBitmap.Decode(row.Signature))
        {
            Assert.InRange(stored.Width, 1, 600); // re-encoded, scaled to fit
            Assert.InRange(stored.Height, 1, 200);
        }

        // The minutes list the editor's attendee first, then the participant, with the signature in the daftar hadir.
        var minutes = (await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id))!;
        Assert.Equal(["Peserta Uji", "Andi Rahmawati, S.KM"], minutes.Attendance.Select(a => a.Name));
        Assert.Null(minutes.Attendance[0].Signature);
        Assert.NotNull(minutes.Attendance[1].Signature);
        Assert.StartsWith("2 orang dari", minutes.Particulars.Single(p => p.Label == "Peserta").Value);
        var pdf = MinutesPdfRenderer.Render(minutes);
        var unsigned = MinutesPdfRenderer.Render(minutes with { Attendance = [.. minutes.Attendance.Select(a => a with { Signature = null })] });
        Assert.Equal(Images(unsigned) + 1, Images(pdf));
        var text = PdfTools.Text(pdf);
        Assert.Contains("Andi Rahmawati, S.KM", text);
        Assert.Contains("2. ...........", PdfTools.Text(unsigned));
        Assert.DoesNotContain("2. ...........", text); // the drawn signature takes the dotted line's place
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-checkin-signature.pdf"), pdf);
    }

    [Fact]
    public async Task TheSameParticipantSentTwice_IsStoredOnce()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor kirim dua kali", TodayWita);
        var token = await TokenAsync(admin, id);
        var agency = (await CheckIns.OpenAsync(token))!.Agencies[0];
        var form = new CheckInForm { Name = "Budi Santoso", Position = "Sekretaris", AgencyId = agency.Id };

        Assert.True((await CheckIns.CheckInAsync(token, form)).Succeeded);
        var again = await CheckIns.CheckInAsync(token, new CheckInForm { Name = " budi santoso ", Position = "Sekretaris Dinas", AgencyId = agency.Id });

        Assert.True(again.Succeeded);
        Assert.True(again.Value!.AlreadyThere);
        var row = Assert.Single(await CheckIns.ListAsync(admin, id));
        Assert.Equal("Sekretaris Dinas", row.Position);
    }

    [Fact]
    public async Task TheLink_IsRefusedTheDayAfter_AndBeforeTheDay_AndForAnUnknownToken()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var yesterday = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor kemarin", TodayWita.AddDays(-1));
        var token = await TokenAsync(admin, yesterday);
        var link = await CheckIns.GetLinkAsync(admin, yesterday);
        Assert.False(link.IsOpen);

        var invitation = (await CheckIns.OpenAsync(token))!;
        Assert.Contains("sudah ditutup", invitation.ClosedReason);
        var refused = await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Terlambat Sehari", Position = "Staf", AgencyId = invitation.Agencies[0].Id });
        Assert.False(refused.Succeeded);
        Assert.Contains("sudah ditutup", refused.Outcome.Errors[""][0]);
        Assert.Empty(await CheckIns.ListAsync(admin, yesterday));

        var form = await Meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor minggu depan";
        form.Venue = "Aula Kantor Bupati";
        form.Date = TodayWita.AddDays(7);
        var planned = await Meetings.CreateAsync(admin, form);
        Assert.True(planned.Succeeded, planned.Outcome.Summary);
        var future = (await CheckIns.OpenAsync(await TokenAsync(admin, planned.Value)))!;
        Assert.Equal($"Daftar hadir mandiri dibuka pada hari rapat, {IndonesianFormat.DayAndDate(TodayWita.AddDays(7))}.", future.ClosedReason);

        Assert.Null(await CheckIns.OpenAsync(new string('a', Meeting.CheckInTokenLength)));
        Assert.Null(await CheckIns.OpenAsync("../../etc/passwd"));
        Assert.False((await CheckIns.CheckInAsync(new string('b', Meeting.CheckInTokenLength), new CheckInForm { Name = "X", Position = "Y", GuestOrganisation = "Z" })).Succeeded);
    }

    [Fact]
    public async Task AnAgencyOfAnotherDistrict_IsRefused_AndAnotherDistrictsSecretariatNeverReachesTheLinkOrTheList()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor undangan Luwu Timur", TodayWita);
        var token = await TokenAsync(admin, id);
        var soppengAgency = await fixture.AgencyIdAsync("73.12", "Dinkes");

        var refused = await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Orang Soppeng", Position = "Staf", AgencyId = soppengAgency });
        Assert.False(refused.Succeeded);
        Assert.Contains("tidak ada dalam undangan", refused.Outcome.Errors[nameof(CheckInForm.AgencyId)][0]);

        var soppeng = await fixture.ActorAsync("admin.soppeng");
        await Assert.ThrowsAsync<AccessDeniedException>(() => CheckIns.GetLinkAsync(soppeng, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => CheckIns.ListAsync(soppeng, id));
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        await Assert.ThrowsAsync<AccessDeniedException>(() => CheckIns.GetLinkAsync(pimpinan, id)); // reads, does not run the meeting
        Assert.Empty(await CheckIns.ListAsync(pimpinan, id));

        // A guest from outside the invited list types their organisation instead.
        var guest = await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Rina Kurnia", Position = "Peneliti", GuestOrganisation = "Universitas Hasanuddin" });
        Assert.True(guest.Succeeded, guest.Outcome.Summary);
        Assert.Equal("Universitas Hasanuddin", Assert.Single(await CheckIns.ListAsync(admin, id)).Agency);
        var removedByOther = CheckIns.RemoveAsync(soppeng, id, (await CheckIns.ListAsync(admin, id))[0].Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => removedByOther);
    }

    [Fact]
    public async Task BadInput_IsRefusedAtItsField_AndNothingIsStored()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor isian salah", TodayWita);
        var token = await TokenAsync(admin, id);

        var result = await CheckIns.CheckInAsync(token, new CheckInForm
        {
            Name = "",
            Position = new string('j', Meeting.PositionMaxLength + 100),
            Signature = "data:image/png;base64,bm90IGFuIGltYWdl",
        });

        Assert.False(result.Succeeded);
        Assert.Contains(nameof(CheckInForm.Name), result.Outcome.Errors.Keys);
        Assert.Contains(nameof(CheckInForm.Position), result.Outcome.Errors.Keys);
        Assert.Contains(nameof(CheckInForm.AgencyId), result.Outcome.Errors.Keys);
        Assert.Contains("tidak terbaca", result.Outcome.Errors[nameof(CheckInForm.Signature)][0]);
        Assert.Contains("200", result.Outcome.Errors[nameof(CheckInForm.Position)][0]);
        Assert.Empty(await CheckIns.ListAsync(admin, id));
        Assert.Null(CheckInService.ReadSignature("data:image/svg+xml;base64,PHN2Zy8+"));
        Assert.Null(CheckInService.ReadSignature("data:image/png;base64," + new string('A', CheckIn.SignatureMaxBytes * 2)));
    }

    [Fact]
    public async Task TheSecretariatRemovesAnEntry_FinalMinutesKeepTheCheckIns_AndTheLinkClosesWhenFinal()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor hapus dan final", TodayWita);
        var token = await TokenAsync(admin, id);
        var agencies = (await CheckIns.OpenAsync(token))!.Agencies;
        Assert.True((await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Salah Masuk", Position = "Staf", AgencyId = agencies[0].Id })).Succeeded);
        Assert.True((await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Sitti Aminah", Position = "Bidan Koordinator", AgencyId = agencies[1].Id, Signature = SignaturePng() })).Succeeded);

        var wrong = (await CheckIns.ListAsync(admin, id)).Single(r => r.Name == "Salah Masuk");
        Assert.True((await CheckIns.RemoveAsync(admin, id, wrong.Id)).Succeeded);
        Assert.False((await CheckIns.RemoveAsync(admin, id, wrong.Id)).Succeeded);
        Assert.Equal(["Sitti Aminah"], (await CheckIns.ListAsync(admin, id)).Select(r => r.Name));

        var form = (await Meetings.GetAsync(admin, id))!.Form;
        form.EndTime = new TimeOnly(12, 0);
        form.ChairName = "Wakil Bupati";
        Assert.True((await Meetings.UpdateAsync(admin, id, form)).Succeeded);
        Assert.True((await Meetings.FinalizeAsync(admin, id, (await Meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);

        var version = (await fixture.Get<MinutesService>().GetVersionAsync(admin, id, null))!;
        Assert.Contains(version.Document.Attendance, a => a.Name == "Sitti Aminah" && a.Signature is not null);
        Assert.Contains("Sitti Aminah", PdfTools.Text(version.Pdf));
        var late = await CheckIns.CheckInAsync(token, new CheckInForm { Name = "Datang Sesudah Final", Position = "Staf", AgencyId = agencies[0].Id });
        Assert.Contains("sudah final", late.Outcome.Errors[""][0]);
        Assert.Contains("sudah final", (await CheckIns.RemoveAsync(admin, id, (await CheckIns.ListAsync(admin, id))[0].Id)).Summary);
        Assert.Single(await CheckIns.ListAsync(admin, id));
    }

    [Fact]
    public async Task EveryMeeting_HasItsOwnToken_FromTheDatabase()
    {
        await using var db = await fixture.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var tokens = await db.Meetings.Select(m => m.CheckInToken).ToListAsync();
        Assert.NotEmpty(tokens);
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{32}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    private async Task<string> TokenAsync(Actor admin, int meetingId)
    {
        var link = await CheckIns.GetLinkAsync(admin, meetingId);
        Assert.StartsWith(CheckInService.PathPrefix, link.Path);
        return link.Path[CheckInService.PathPrefix.Length..];
    }

    private static int Images(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.GetImages().Count());
    }

    /// <summary>A finger's scribble as the phone sends it: a PNG data URL, larger than what is stored.</summary>
    internal static string SignaturePng()
    {
        var info = new SKImageInfo(900, 320);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        using var pen = new SKPaint { Color = new SKColor(0x10, 0x24, 0x3e), StrokeWidth = 6, IsStroke = true, IsAntialias = true };
        using var builder = new SKPathBuilder();
        builder.MoveTo(60, 220);
        builder.CubicTo(200, 40, 300, 300, 420, 120);
        builder.CubicTo(520, 20, 640, 260, 820, 90);
        using var path = builder.Detach();
        surface.Canvas.DrawPath(path, pen);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return "data:image/png;base64," + Convert.ToBase64String(png.ToArray());
    }
}
