using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Data;
using TppsPortal.Submissions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Api;

/// <summary>
/// The DHIS2 export over HTTP with a token: the province's monitor reads Luwu Timur's file (JSON and CSV) and its report,
/// the counts in the headers match the file; a camat's token is refused with a problem; a wrong period is a 400 problem.
/// </summary>
public sealed class Dhis2HttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<string> TokenForAsync(string userName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync(Actor.FromUser(user), user.Id, new ApiTokenForm { Name = "DHIS2 Provinsi", LifetimeDays = 30 });
        Assert.True(made.Succeeded, made.Outcome.Summary);
        return made.Value!.Secret;
    }

    /// <summary>The latest month of Luwu Timur with an approved form ("2026-11").</summary>
    private async Task<string> ApprovedMonthAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = await db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui && r.Period!.DistrictCode == "73.24")
            .MaxAsync(r => r.Period!.Year * 100 + r.Period.Month);
        return $"{key / 100}-{key % 100:00}";
    }

    private HttpClient ClientWith(string secret)
    {
        var client = portal.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task ProvinceMonitorsToken_ReadsLuwuTimursDataValueSets_JsonCsvAndReport()
    {
        var month = await ApprovedMonthAsync();
        using var client = ClientWith(await TokenForAsync("pemantau.sulsel"));

        var json = await client.GetAsync($"/api/v1/dhis2/dataValueSets?district=73.24&period={month}");
        var csv = await client.GetAsync($"/api/v1/dhis2/dataValueSets?district=73.24&period={month}&format=csv");
        var report = await client.GetAsync($"/api/v1/dhis2/report?district=73.24&period={month}");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var set = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var values = set.RootElement.GetProperty("dataValues");
        Assert.True(values.GetArrayLength() > 0);
        Assert.Equal(month.Replace("-", ""), set.RootElement.GetProperty("period").GetString());
        Assert.Equal(values.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture), json.Headers.GetValues("X-Dhis2-Values-Exported").Single());
        Assert.Equal("UID", json.Headers.GetValues("X-Dhis2-OrgUnitIdScheme").Single());
        Assert.Contains("/api/v1/dhis2/report?district=73.24", json.Headers.GetValues("Link").Single());

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"dataelement\",\"period\",\"orgunit\",\"categoryoptioncombo\",\"attributeoptioncombo\",\"value\"", lines[0]);
        Assert.Equal(values.GetArrayLength() + 1, lines.Length);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var body = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
        Assert.Equal(values.GetArrayLength(), body.RootElement.GetProperty("valuesExported").GetInt32());
        var unmapped = body.RootElement.GetProperty("unmappedFigures").EnumerateArray().Select(f => f.GetProperty("figureKey").GetString()).ToList();
        Assert.Equal(["ibu_hamil_kek", "baduta"], unmapped);
        Assert.True(body.RootElement.GetProperty("valuesNotExported").GetInt32() > 0);
    }

    [Fact]
    public async Task CamatsToken_IsRefusedTheDistrictsExport_WithAProblem()
    {
        using var client = ClientWith(await TokenForAsync("camat.malili"));

        var response = await client.GetAsync("/api/v1/dhis2/dataValueSets?district=73.24&period=2026-11");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("forbidden", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AWrongPeriod_IsA400Problem_InIndonesian()
    {
        using var client = ClientWith(await TokenForAsync("admin.lutim"));

        var response = await client.GetAsync("/api/v1/dhis2/dataValueSets?district=73.24&period=11-2026x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_request", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("contoh 2026-11", problem.RootElement.GetProperty("errors").GetProperty("period")[0].GetString());
    }
}
