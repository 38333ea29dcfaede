using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Submissions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>The report pages by plain URL: another kecamatan's or district's form, and the board, are refused.</summary>
public sealed class SubmissionPagesHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private int _periodId;

    public async Task InitializeAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin.lutim");
        var service = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var admin = Actor.FromUser(user!);
        var year = DateTime.UtcNow.AddHours(8).Year + 1;
        var taken = (await service.PeriodsAsync(admin, "73.24")).Where(p => p.Year == year).Select(p => p.Month).ToHashSet();
        var month = Enumerable.Range(1, 12).Reverse().First(m => !taken.Contains(m));
        var opened = await service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(year, month, 10).AddMonths(1), refuseLate: false);
        _periodId = opened.Value;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CamatMalili_OwnForm_IsServed()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var response = await client.GetAsync($"/laporan/{_periodId}/73.24.04");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Laporan Kecamatan Malili", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("camat.malili", "73.24.02")] // Nuha, the same district
    [InlineData("admin.soppeng", "73.24.04")] // another district's secretariat
    [InlineData("opd.dp2kb.lutim", "73.24.04")] // an Operator OPD has no access to kecamatan forms
    public async Task FormOutsideTheScope_IsRefused(string userName, string kecamatan)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync($"/laporan/{_periodId}/{kecamatan}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", html);
        Assert.DoesNotContain("Contoh 1", html);
    }

    [Theory]
    [InlineData("camat.malili", "/laporan/kelengkapan")]
    [InlineData("opd.dp2kb.lutim", "/laporan")]
    public async Task PagesOutsideTheRole_AreRefused(string userName, string path)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", await response.Content.ReadAsStringAsync());
    }
}
