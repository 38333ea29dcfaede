using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Notifications;

namespace TppsPortal.Tests.Submissions;

/// <summary>
/// The camat form saves as the person types, so "444" arrives as "4", "44" and "444". The report's history must still
/// read as a person would write it: one entry per field typed, from what it was to what it became.
/// </summary>
public sealed class TypingHistoryTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));

    private SubmissionService Service =>
        ActivatorUtilities.CreateInstance<SubmissionService>(fixture.Services.CreateScope().ServiceProvider, (TimeProvider)_clock);

    private async Task<(int Period, string Village)> OpenAsync(int year, int month)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opened = await Service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(2099, 1, 10), false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        var camat = await fixture.ActorAsync("camat.malili");
        return (opened.Value, (await Service.GetFormAsync(camat, opened.Value, Malili)).Rows[0].VillageCode);
    }

    /// <summary>Saves each value in turn as the form does while typing, a second apart; the row's version after the last.</summary>
    private async Task<uint> TypeAsync(int period, string village, Figure figure, uint? version, params int?[] values)
    {
        var camat = await fixture.ActorAsync("camat.malili");
        foreach (var value in values)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            var saved = await Service.SaveValueAsync(camat, period, Malili, village, figure, value, version, Guid.NewGuid());
            Assert.True(saved.Succeeded, saved.Outcome.Summary);
            version = saved.Value!.VersionAfter;
        }
        return version!.Value;
    }

    private async Task<IReadOnlyList<ChangeView>> ValueChangesAsync(int period)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var reportId = (await Service.GetFormAsync(admin, period, Malili)).ReportId!.Value;
        return (await Service.HistoryAsync(admin, reportId)).Where(c => c.What != "dibuat").Reverse().ToList();
    }

    [Fact]
    public async Task KeysTypedIntoOneField_AreOneEntry_FromWhatItWasToWhatItBecame()
    {
        var (period, village) = await OpenAsync(2018, 1);

        var version = await TypeAsync(period, village, Figure.Families, null, 4, 44, 444);
        await TypeAsync(period, village, Figure.ToddlersRegistered, version, 1, 12);

        var changes = await ValueChangesAsync(period);
        Assert.Equal(
            [(Figure.Families.Label(), (string?)null, (string?)"444"), (Figure.ToddlersRegistered.Label(), null, "12")],
            changes.Select(c => (c.What, c.OldValue, c.NewValue)).ToList());
        var camat = await fixture.ActorAsync("camat.malili");
        Assert.All(changes, c => Assert.Equal(camat.DisplayName, c.By));
    }

    [Fact]
    public async Task AnotherFieldInBetween_OrALongPause_StartsANewEntry()
    {
        var (period, village) = await OpenAsync(2018, 2);

        var version = await TypeAsync(period, village, Figure.Families, null, 3, 30);
        version = await TypeAsync(period, village, Figure.ToddlersRegistered, version, 9);
        version = await TypeAsync(period, village, Figure.Families, version, 300);
        _clock.Advance(SubmissionService.TypingRun);
        await TypeAsync(period, village, Figure.Families, version, 310);

        Assert.Equal(
            [(Figure.Families.Label(), (string?)null, (string?)"30"), (Figure.ToddlersRegistered.Label(), null, "9"),
             (Figure.Families.Label(), "30", "300"), (Figure.Families.Label(), "300", "310")],
            (await ValueChangesAsync(period)).Select(c => (c.What, c.OldValue, c.NewValue)).ToList());
    }

    [Fact]
    public async Task AFieldTypedBackToWhatItWas_LeavesNoEntry()
    {
        var (period, village) = await OpenAsync(2018, 3);

        var version = await TypeAsync(period, village, Figure.Families, null, 250);
        version = await TypeAsync(period, village, Figure.ToddlersRegistered, version, 80);
        // 250 -> 25 -> 2 -> 25 -> 250: a slip corrected at once.
        await TypeAsync(period, village, Figure.Families, version, 25, 2, 25, 250);

        Assert.Equal(
            [(Figure.Families.Label(), (string?)null, (string?)"250"), (Figure.ToddlersRegistered.Label(), null, "80")],
            (await ValueChangesAsync(period)).Select(c => (c.What, c.OldValue, c.NewValue)).ToList());
    }
}
