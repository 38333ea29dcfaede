using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Accounts;
using TppsPortal.Submissions;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>What the camat form's browser tests share: a free period of Malili, the form as the server has it, a village's card.</summary>
public static class CamatForms
{
    public const string Malili = "73.24.04";

    public static string Url(int periodId) => $"/laporan/{periodId}/{Malili}";

    public static ILocator Village(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    /// <summary>A month of next year that is neither opened yet nor a weighing month, opened by admin.lutim.</summary>
    public static async Task<PeriodView> OpenFreePeriodAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var admin = await ActorAsync(scope.ServiceProvider, "admin.lutim");
        var year = DateTime.UtcNow.AddHours(8).Year + 1;
        var taken = (await service.PeriodsAsync(admin, "73.24")).Where(p => p.Year == year).Select(p => p.Month).ToHashSet();
        var month = Enumerable.Range(1, 12).Reverse().First(m => !taken.Contains(m) && !ReportingPeriod.WeighingMonth(m));
        var opened = await service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(year, month, 10).AddMonths(1), refuseLate: false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return (await service.PeriodsAsync(admin, "73.24")).Single(p => p.Id == opened.Value);
    }

    public static async Task<ReportView> FormAsync(IServiceProvider services, string userName, int periodId)
    {
        await using var scope = services.CreateAsyncScope();
        var actor = await ActorAsync(scope.ServiceProvider, userName);
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>().GetFormAsync(actor, periodId, Malili);
    }

    /// <summary>Reads the village from the server until the condition holds or the time is up; returns what it read last.</summary>
    public static async Task<VillageValues> EventuallyStoredAsync(IServiceProvider services, int periodId, string village, Func<VillageValues, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var values = (await FormAsync(services, "admin.lutim", periodId)).Rows.Single(r => r.VillageCode == village).Values;
            if (condition(values) || DateTime.UtcNow > deadline)
            {
                return values;
            }
            await Task.Delay(200);
        }
    }

    public static async Task<Actor> ActorAsync(IServiceProvider services, string userName)
    {
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        return Actor.FromUser(user ?? throw new InvalidOperationException($"No demo user {userName}."));
    }
}
