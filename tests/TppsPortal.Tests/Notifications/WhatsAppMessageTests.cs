using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Notifications;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Meetings;

namespace TppsPortal.Tests.Notifications;

/// <summary>
/// WhatsApp without an API: the secretariat's ready group message of overdue actions, and a reminder link per open
/// action to the responsible operator's own number.
/// </summary>
public sealed class WhatsAppMessageTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task TheOverdueMessage_ListsEveryOverdueActionOfTheDistrict_AsAWellFormedWaMeLink()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var actions = fixture.Get<ActionService>();
        var meeting = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor pesan WhatsApp", new DateOnly(2025, 1, 15));
        await MeetingTestData.AddActionAsync(fixture, admin, meeting, "Verifikasi data keluarga berisiko & sasaran", "DP2KB", new DateOnly(2025, 2, 28));
        var overdue = await actions.ListAsync(admin, new ActionQuery(OverdueOnly: true, Take: 500));

        var message = await actions.OverdueMessageAsync(admin, null);

        Assert.Equal(overdue.Total, message.Count);
        var lines = message.Text.Split('\n');
        Assert.Equal($"Daftar tindak lanjut terlambat per {IndonesianFormat.Date(actions.Today)}:", lines[0]);
        Assert.Equal(Math.Min(overdue.Total, 40), lines.Count(l => char.IsAsciiDigit(l[0])));
        Assert.Contains("DP2KB: Verifikasi data keluarga berisiko & sasaran (batas 28 Februari 2025, belum; rapat 15 Januari 2025)", message.Text, StringComparison.Ordinal);
        var link = new Uri(message.WhatsAppLink);
        Assert.Equal("https://wa.me/", link.GetLeftPart(UriPartial.Path));
        Assert.StartsWith("?text=", link.Query, StringComparison.Ordinal);
        Assert.Equal(message.Text, Uri.UnescapeDataString(link.Query["?text=".Length..]));
        // Nothing of another district.
        Assert.DoesNotContain("Soppeng", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenAction_OffersTheSecretariatAReminderToTheOperatorsNumber_AndTheOperatorNone()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var profile = await fixture.Get<NotificationService>().GetProfileAsync(opd);
        profile.WhatsAppNumber = "0813-4000-2024";
        Assert.True((await fixture.Get<NotificationService>().SaveProfileAsync(opd, profile)).Succeeded);
        var meeting = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor pengingat WhatsApp", new DateOnly(2025, 3, 10));
        var id = await MeetingTestData.AddActionAsync(fixture, admin, meeting, "Laporan konvergensi triwulan", "DP2KB", new DateOnly(2025, 4, 30));

        var asAdmin = (await fixture.Get<ActionService>().ForMeetingAsync(admin, meeting)).Single(a => a.Id == id);
        var asOperator = (await fixture.Get<ActionService>().ListAsync(opd, new ActionQuery(MeetingId: meeting))).Items.Single(a => a.Id == id);

        Assert.StartsWith("https://wa.me/6281340002024?text=", asAdmin.WhatsAppReminder, StringComparison.Ordinal);
        var text = Uri.UnescapeDataString(new Uri(asAdmin.WhatsAppReminder!).Query["?text=".Length..]);
        Assert.Equal("Yth. Operator DP2KB, tindak lanjut No. 1 dari Rakor pengingat WhatsApp (10 Maret 2025): \"Laporan konvergensi triwulan\" " +
                     "sudah lewat batas waktu 30 April 2025 dan statusnya belum. Mohon perkembangannya diperbarui di TPPS Portal (menu Tindak lanjut). Terima kasih.", text);
        Assert.Null(asOperator.WhatsAppReminder);
    }
}
