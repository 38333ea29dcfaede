using TppsPortal.Accounts;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Meetings;

/// <summary>Makes meetings for tests through the real services, each with its own title.</summary>
internal static class MeetingTestData
{
    public static async Task<int> CreateHeldMeetingAsync(ServiceFixture fixture, Actor admin, string title, DateOnly date, string region = "73.24")
    {
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, region);
        form.Title = title;
        form.Date = date;
        form.Venue = "Aula Kantor Bupati";
        form.NoteTakerName = "Notulis Uji";
        form.NoteTakerPosition = "Staf Sekretariat";
        form.Attendees = [new AttendeeForm { Name = "Peserta Uji", Position = "Kepala", AgencyId = form.Invitations[0].AgencyId }];
        form.Decisions = [new DecisionForm { Text = "Kesepakatan uji pertama." }];
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        var details = await meetings.GetAsync(admin, created.Value);
        var held = await meetings.MarkHeldAsync(admin, created.Value, details!.Form.Version);
        Assert.True(held.Succeeded, held.Summary);
        return created.Value;
    }

    public static async Task<int> AddActionAsync(ServiceFixture fixture, Actor admin, int meetingId, string text, string agencyShortName, DateOnly due, string district = "73.24")
    {
        var created = await fixture.Get<ActionService>().CreateAsync(admin, meetingId, new ActionForm
        {
            Description = text,
            ResponsibleAgencyId = await fixture.AgencyIdAsync(district, agencyShortName),
            DueDate = due,
        });
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return created.Value;
    }
}
