using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Web.Api;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Api;

/// <summary>
/// /api/v1 over plain HTTP with real tokens of the demo accounts: the role matrix (a token sees exactly what its user
/// sees), writes only with a token and only for the responsible agency, the rate limit per token, ETag/304, the page
/// envelope against the database, and the approved village figures against the database rows.
/// </summary>
public sealed class ApiV1HttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<string> TokenForAsync(string userName, string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync(Actor.FromUser(user), user.Id, new ApiTokenForm { Name = name, LifetimeDays = 30 });
        Assert.True(made.Succeeded, made.Outcome.Summary);
        return made.Value!.Secret;
    }

    private HttpClient ClientWith(string secret)
    {
        var client = portal.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await JsonAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A month in which Malili's demo form is approved (the demo approves it from three months back).</summary>
    private Task<string> ApprovedMaliliMonthAsync() => WithDbAsync(async db =>
    {
        var p = await db.KecamatanReports.Where(r => r.KecamatanCode == "73.24.04" && r.Status == ReportStatus.Disetujui)
            .OrderByDescending(r => r.Period!.Year).ThenByDescending(r => r.Period!.Month)
            .Select(r => new { r.Period!.Year, r.Period.Month }).FirstAsync();
        return string.Create(CultureInfo.InvariantCulture, $"{p.Year:0000}-{p.Month:00}");
    });

    private static string[] Codes(JsonElement page, string property) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();

    [Fact]
    public async Task VillageReports_CamatToken_ReadsOnlyItsKecamatan_AndIsRefusedAnotherKecamatanOrDistrict()
    {
        var period = await ApprovedMaliliMonthAsync();
        var key = int.Parse(period.Replace("-", ""), CultureInfo.InvariantCulture);
        using var camat = ClientWith(await TokenForAsync("camat.malili", "Uji desa"));

        var district = await JsonAsync(await camat.GetAsync($"/api/v1/village-reports?district=73.24&period={period}&pageSize=1000"));
        var own = await JsonAsync(await camat.GetAsync($"/api/v1/village-reports?kecamatan=73.24.04&period={period}"));

        var expected = await WithDbAsync(db => db.VillageRows.CountAsync(v => db.KecamatanReports.Any(r => r.Id == v.ReportId &&
            r.KecamatanCode == "73.24.04" && r.Status == ReportStatus.Disetujui && r.Period!.Year * 100 + r.Period.Month == key)));
        Assert.True(expected > 0);
        Assert.Equal(expected, district.GetProperty("total").GetInt32());
        Assert.All(Codes(district, "kecamatanCode"), c => Assert.Equal("73.24.04", c));
        Assert.Equal(expected, own.GetProperty("total").GetInt32());
        await AssertProblemAsync(await camat.GetAsync($"/api/v1/village-reports?kecamatan=73.24.02&period={period}"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await camat.GetAsync($"/api/v1/village-reports?district=73.12&period={period}"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task VillageReports_PemantauProvinsiToken_ReadsTheDistrict_ValuesMatchTheApprovedRowsInTheDatabase()
    {
        var period = await ApprovedMaliliMonthAsync();
        var key = int.Parse(period.Replace("-", ""), CultureInfo.InvariantCulture);
        using var pemantau = ClientWith(await TokenForAsync("pemantau.sulsel", "Uji provinsi"));

        var page = await JsonAsync(await pemantau.GetAsync($"/api/v1/village-reports?district=73.24&period={period}&pageSize=1000"));

        var rows = await WithDbAsync(db => db.VillageRows.AsNoTracking()
            .Join(db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui && r.Period!.DistrictCode == "73.24" && r.Period.Year * 100 + r.Period.Month == key),
                v => v.ReportId, r => r.Id, (v, r) => new { Row = v, r.KecamatanCode, r.DecidedAt })
            .ToListAsync());
        Assert.True(rows.Select(r => r.KecamatanCode).Distinct().Count() > 1, "more than one kecamatan approved in the demo month");
        Assert.Equal(rows.Count, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(rows.Count, items.Count);
        Assert.Equal(items.Select(i => i.GetProperty("villageCode").GetString()).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("villageCode").GetString()));
        foreach (var item in items)
        {
            var db = rows.Single(r => r.Row.VillageCode == item.GetProperty("villageCode").GetString());
            Assert.Equal(db.KecamatanCode, item.GetProperty("kecamatanCode").GetString());
            Assert.Equal(period, item.GetProperty("period").GetString());
            Assert.Equal(db.DecidedAt, item.GetProperty("approvedAt").GetDateTimeOffset());
            var values = item.GetProperty("values");
            Assert.Equal(FigureInfo.All.Count, values.EnumerateObject().Count());
            foreach (var figure in FigureInfo.All)
            {
                var expected = db.Row.Values.Get(figure);
                var actual = values.GetProperty(figure.Key());
                Assert.Equal(expected, actual.ValueKind == JsonValueKind.Null ? null : actual.GetInt32());
            }
        }
    }

    [Fact]
    public async Task IntegrationAccountOfAnotherProvince_SeesNothingOfSulawesiSelatan()
    {
        string secret;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The demo has Sulawesi Selatan only; a second province for the other integration.
            if (!await db.Regions.AnyAsync(r => r.Code == "74"))
            {
                db.Regions.Add(new Region { Code = "74", Name = "Sulawesi Tenggara (uji)", Level = RegionLevel.Provinsi });
                await db.SaveChangesAsync();
            }
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = Actor.FromUser((await userManager.FindByNameAsync("admin.sistem"))!);
            var created = await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(admin, new UserForm
            {
                UserName = "integrasi.uji.sultra", FullName = "Sistem Provinsi Sulawesi Tenggara (uji)",
                Role = Role.PemantauProvinsi, RegionCode = "74", IsIntegration = true,
            });
            Assert.True(created.Succeeded, created.Outcome.Summary);
            var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
                .CreateAsync(admin, created.Value!, new ApiTokenForm { Name = "Sistem provinsi", LifetimeDays = 30 });
            Assert.True(made.Succeeded, made.Outcome.Summary);
            secret = made.Value!.Secret;
        }
        var period = await ApprovedMaliliMonthAsync();
        using var other = ClientWith(secret);

        Assert.Equal("74", (await JsonAsync(await other.GetAsync("/api/v1/regions/74"))).GetProperty("code").GetString());
        await AssertProblemAsync(await other.GetAsync($"/api/v1/village-reports?district=73.24&period={period}"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await other.GetAsync("/api/v1/regions/73.24"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await other.GetAsync("/api/v1/dashboard/73.24"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await other.GetAsync("/api/v1/targets/73?indicator=stunting"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await other.GetAsync("/api/v1/figures?region=73"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await other.GetAsync("/api/v1/periods?district=73.24"), HttpStatusCode.Forbidden, "forbidden");
        foreach (var list in new[] { "/api/v1/figures", "/api/v1/meetings", "/api/v1/actions", "/api/v1/agencies" })
        {
            var page = await JsonAsync(await other.GetAsync(list));
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            Assert.Empty(page.GetProperty("items").EnumerateArray());
        }
        // The same lists are not empty for Sulawesi Selatan's own monitor: the empty answers above are the scope, not missing data.
        using var pemantau = ClientWith(await TokenForAsync("pemantau.sulsel", "Uji pembanding"));
        foreach (var list in new[] { "/api/v1/figures", "/api/v1/meetings", "/api/v1/actions", "/api/v1/agencies" })
        {
            Assert.True((await JsonAsync(await pemantau.GetAsync(list))).GetProperty("total").GetInt32() > 0, list);
        }
    }

    [Fact]
    public async Task AdminSoppengToken_CannotReadLuwuTimur()
    {
        var period = await ApprovedMaliliMonthAsync();
        using var soppeng = ClientWith(await TokenForAsync("admin.soppeng", "Uji Soppeng"));

        await AssertProblemAsync(await soppeng.GetAsync($"/api/v1/village-reports?district=73.24&period={period}"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await soppeng.GetAsync("/api/v1/dashboard/73.24"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await soppeng.GetAsync("/api/v1/targets/73.24"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await soppeng.GetAsync("/api/v1/periods?district=73.24"), HttpStatusCode.Forbidden, "forbidden");
        var lutimPeriod = await WithDbAsync(db => db.ReportingPeriods.Where(p => p.DistrictCode == "73.24").Select(p => p.Id).FirstAsync());
        await AssertProblemAsync(await soppeng.GetAsync($"/api/v1/periods/{lutimPeriod}/forms"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await JsonAsync(await soppeng.GetAsync("/api/v1/meetings?region=73.24"))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(await soppeng.GetAsync("/api/v1/actions?district=73.24"))).GetProperty("total").GetInt32());
        // Its own district it reads.
        var own = await JsonAsync(await soppeng.GetAsync("/api/v1/dashboard/73.12"));
        Assert.Equal("73.12", own.GetProperty("area").GetProperty("code").GetString());
        Assert.True((await JsonAsync(await soppeng.GetAsync("/api/v1/periods?district=73.12"))).GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task CamatToken_PeriodForms_ShowOnlyItsKecamatan_TheSecretariatSeesEvery()
    {
        var (periodId, kecamatanCount) = await WithDbAsync(async db =>
            (await db.ReportingPeriods.Where(p => p.DistrictCode == "73.24").OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).Select(p => p.Id).FirstAsync(),
             await db.Regions.CountAsync(r => r.ParentCode == "73.24" && r.Level == RegionLevel.Kecamatan)));
        using var camat = ClientWith(await TokenForAsync("camat.malili", "Uji periode"));
        using var admin = ClientWith(await TokenForAsync("admin.lutim", "Uji periode"));

        var camatForms = await JsonAsync(await camat.GetAsync($"/api/v1/periods/{periodId}/forms"));
        var adminForms = await JsonAsync(await admin.GetAsync($"/api/v1/periods/{periodId}/forms"));

        Assert.Equal(new[] { "73.24.04" }, camatForms.GetProperty("forms").EnumerateArray().Select(f => f.GetProperty("kecamatanCode").GetString()).ToArray());
        // The demo leaves Malili's latest form a draft.
        Assert.Equal("draft", camatForms.GetProperty("forms")[0].GetProperty("status").GetString());
        Assert.Equal(kecamatanCount, adminForms.GetProperty("forms").GetArrayLength());
        Assert.Equal(periodId, adminForms.GetProperty("period").GetProperty("id").GetInt32());
        await AssertProblemAsync(await camat.GetAsync("/api/v1/periods/999999/forms"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task PimpinanToken_CannotRecordProgress_NothingIsStored()
    {
        var action = await LutimDp2kbActionAsync();
        using var pimpinan = ClientWith(await TokenForAsync("pimpinan.lutim", "Uji pimpinan"));
        var before = await WithDbAsync(db => db.ActionProgress.CountAsync(p => p.ActionId == action.Id));

        var response = await pimpinan.PostAsJsonAsync($"/api/v1/actions/{action.Id}/progress",
            new { status = "in_progress", note = "Dicoba oleh pimpinan", version = action.Version });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await WithDbAsync(db => db.ActionProgress.CountAsync(p => p.ActionId == action.Id)));
    }

    [Fact]
    public async Task OperatorOpdToken_OfTheResponsibleAgency_RecordsProgress_StoredWithTheTokenName_AStaleVersionIs409()
    {
        using var opd = ClientWith(await TokenForAsync("opd.dp2kb.lutim", "SIMPEL DP2KB"));
        var list = await JsonAsync(await opd.GetAsync("/api/v1/actions?district=73.24"));
        Assert.True(list.GetProperty("total").GetInt32() > 0);
        Assert.All(list.GetProperty("items").EnumerateArray(), a => Assert.Equal("DP2KB", a.GetProperty("responsibleAgency").GetString()));
        var action = list.GetProperty("items")[0];
        var id = action.GetProperty("id").GetInt32();
        var version = action.GetProperty("version").GetUInt32();

        var response = await opd.PostAsJsonAsync($"/api/v1/actions/{id}/progress",
            new { status = "in_progress", date = "2026-01-05", note = "Data 12 desa sudah dimutakhirkan (uji API).", version });

        var updated = await JsonAsync(response);
        Assert.Equal("in_progress", updated.GetProperty("status").GetString());
        Assert.NotEqual(version, updated.GetProperty("version").GetUInt32());
        var stored = await WithDbAsync(db => db.ActionProgress.Where(p => p.ActionId == id).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal("Data 12 desa sudah dimutakhirkan (uji API).", stored.Note);
        Assert.Equal(new DateOnly(2026, 1, 5), stored.Date);
        Assert.Equal(ActionStatus.Proses, stored.StatusAfter);
        Assert.Contains("melalui API", stored.Author);
        Assert.Contains("SIMPEL DP2KB", stored.Author);
        Assert.StartsWith("Operator DP2KB Luwu Timur (demo)", stored.Author);
        Assert.Contains(updated.GetProperty("progress").EnumerateArray(), p => p.GetProperty("note").GetString() == stored.Note);

        // The same version again: someone (this client) changed the action since; nothing is overwritten.
        var stale = await opd.PostAsJsonAsync($"/api/v1/actions/{id}/progress", new { status = "done", note = "Selesai", version });
        await AssertProblemAsync(stale, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(ActionStatus.Proses, await WithDbAsync(db => db.FollowUpActions.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));

        var bad = await opd.PostAsJsonAsync($"/api/v1/actions/{id}/progress", new { status = "selesai-kah", note = "x", version });
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task CookieOnlyPost_IsRefusedWithTokenRequired_ThoughTheCookieReads()
    {
        var action = await LutimDp2kbActionAsync();
        using var browser = await HttpSignIn.SignedInClientAsync(portal, "opd.dp2kb.lutim");
        var before = await WithDbAsync(db => db.ActionProgress.CountAsync(p => p.ActionId == action.Id));

        Assert.True((await JsonAsync(await browser.GetAsync("/api/v1/actions"))).GetProperty("total").GetInt32() > 0);
        var response = await browser.PostAsJsonAsync($"/api/v1/actions/{action.Id}/progress",
            new { status = "in_progress", note = "Dari halaman lain", version = action.Version });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "token_required");
        Assert.Equal(before, await WithDbAsync(db => db.ActionProgress.CountAsync(p => p.ActionId == action.Id)));
    }

    private Task<(int Id, uint Version)> LutimDp2kbActionAsync() => WithDbAsync(async db =>
    {
        var a = await db.FollowUpActions.Where(x => x.DistrictCode == "73.24" && x.ResponsibleAgency!.ShortName == "DP2KB")
            .OrderBy(x => x.Id).Select(x => new { x.Id, x.Version }).FirstAsync();
        return (a.Id, a.Version);
    });

    [Fact]
    public async Task RateLimit_MoreRequestsThanTheLimit_Are429WithRetryAfter_AnotherTokenIsNotAffected()
    {
        var limit = portal.Services.GetRequiredService<IOptions<ApiLimits>>().Value.RequestsPerMinute;
        using var busy = ClientWith(await TokenForAsync("admin.lutim", "Uji batas"));
        using var quiet = ClientWith(await TokenForAsync("admin.lutim", "Uji batas lain"));

        for (var i = 0; i < limit; i++)
        {
            using var ok = await busy.GetAsync("/api/v1/regions/73.24");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await busy.GetAsync("/api/v1/regions/73.24");

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/regions/73.24")).StatusCode);
    }

    [Fact]
    public async Task ETag_SecondGetWithIfNoneMatch_Is304WithoutBody_AnotherAnswerHasAnotherETag()
    {
        using var client = ClientWith(await TokenForAsync("admin.lutim", "Uji etag"));

        var first = await client.GetAsync("/api/v1/agencies?region=73.24");
        var etag = first.Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies?region=73.24");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies?region=73.24&pageSize=2");
        other.Headers.IfNoneMatch.Add(etag);
        var third = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.NotEqual(etag, third.Headers.ETag);
    }

    [Fact]
    public async Task Paging_EnvelopeTotalsMatchTheDatabase_PagesCoverEveryItemOnce()
    {
        var period = await ApprovedMaliliMonthAsync();
        var key = int.Parse(period.Replace("-", ""), CultureInfo.InvariantCulture);
        using var client = ClientWith(await TokenForAsync("admin.lutim", "Uji halaman"));

        var agencies = await WithDbAsync(db => db.Agencies.CountAsync(a => a.IsActive && (a.RegionCode == "73.24" || a.RegionCode.StartsWith("73.24."))));
        var rows = await WithDbAsync(db => db.VillageRows.CountAsync(v => db.KecamatanReports.Any(r => r.Id == v.ReportId &&
            r.Status == ReportStatus.Disetujui && r.Period!.DistrictCode == "73.24" && r.Period.Year * 100 + r.Period.Month == key)));
        var figures = await WithDbAsync(db => db.PrevalenceFigures.CountAsync(f => f.SourceCode != "FORM" &&
            (f.RegionCode == "73.24" || f.RegionCode.StartsWith("73.24.")) && f.Year >= 2020 && f.Year <= 2030));

        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await JsonAsync(await client.GetAsync($"/api/v1/village-reports?district=73.24&period={period}&page={page}&pageSize=7"));
            Assert.Equal(rows, body.GetProperty("total").GetInt32());
            Assert.Equal(page, body.GetProperty("page").GetInt32());
            Assert.Equal(7, body.GetProperty("pageSize").GetInt32());
            var codes = Codes(body, "villageCode");
            if (codes.Length == 0) break;
            Assert.True(codes.Length <= 7);
            seen.AddRange(codes);
        }
        Assert.Equal(rows, seen.Count);
        Assert.Equal(rows, seen.Distinct().Count());

        var agencyPage = await JsonAsync(await client.GetAsync("/api/v1/agencies?region=73.24&pageSize=3&page=2"));
        Assert.Equal(agencies, agencyPage.GetProperty("total").GetInt32());
        Assert.Equal(Math.Min(3, Math.Max(0, agencies - 3)), agencyPage.GetProperty("items").GetArrayLength());

        var figurePage = await JsonAsync(await client.GetAsync("/api/v1/figures?region=73.24&from=2020&to=2030&pageSize=1000"));
        Assert.Equal(figures, figurePage.GetProperty("total").GetInt32());
        Assert.Equal(figures, figurePage.GetProperty("items").GetArrayLength());
        Assert.True(figures > 0);
        Assert.All(figurePage.GetProperty("items").EnumerateArray(), f => Assert.Equal(JsonValueKind.Number, f.GetProperty("value").ValueKind));
    }

    [Theory]
    [InlineData("/api/v1/village-reports?district=73.24&period=2026-13", "period")]
    [InlineData("/api/v1/village-reports?district=73.24", "period")]
    [InlineData("/api/v1/village-reports?district=7324&period=2026-01", "district")]
    [InlineData("/api/v1/figures?pageSize=5000", "pageSize")]
    [InlineData("/api/v1/figures?from=2024-1", "from")]
    [InlineData("/api/v1/actions?dueFrom=31-12-2026", "dueFrom")]
    [InlineData("/api/v1/meetings?status=selesai", "status")]
    public async Task MalformedQueryValues_Are400BadRequest_NamingTheParameter(string url, string parameter)
    {
        using var client = ClientWith(await TokenForAsync("admin.lutim", "Uji 400 " + parameter + url.Length));

        var response = await client.GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "bad_request");
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/v1/tidak-ada")]
    [InlineData("/api/v1/agencies/bukan-angka")]
    public async Task UnknownApiPath_IsA404Problem_NotTheHtmlPage(string url)
    {
        using var client = ClientWith(await TokenForAsync("admin.lutim", "Uji 404 " + url.Length));

        await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Meetings_DetailLinksEachFinalMinutesVersionAsAnAbsolutePdfUrl_ThatTheTokenDownloads()
    {
        using var client = ClientWith(await TokenForAsync("admin.lutim", "Uji rapat"));

        var list = await JsonAsync(await client.GetAsync("/api/v1/meetings?region=73.24&status=minutes_final"));
        Assert.True(list.GetProperty("total").GetInt32() > 0);
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt32();
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/meetings/{id}"));

        Assert.Equal("minutes_final", detail.GetProperty("status").GetString());
        var versions = detail.GetProperty("minutesVersions");
        Assert.True(versions.GetArrayLength() > 0);
        var url = versions[0].GetProperty("pdfUrl").GetString()!;
        Assert.Equal(new Uri(portal.ServerAddress, $"/rapat/{id}/notulen.pdf?versi={versions[0].GetProperty("number").GetInt32()}"), new Uri(url));
        var pdf = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(versions[0].GetProperty("pdfBytes").GetInt32(), bytes.Length);
        await AssertProblemAsync(await client.GetAsync("/api/v1/meetings/999999"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TargetsAndDashboard_ReadThroughTheServices_WithIsoPeriodsAndNumbers()
    {
        using var client = ClientWith(await TokenForAsync("pimpinan.lutim", "Uji dasbor"));

        var dashboard = await JsonAsync(await client.GetAsync("/api/v1/dashboard/73.24?indicator=stunting"));
        var target = await JsonAsync(await client.GetAsync("/api/v1/targets/73.24?indicator=stunting"));

        Assert.Equal("73.24", dashboard.GetProperty("area").GetProperty("code").GetString());
        Assert.Equal("district", dashboard.GetProperty("area").GetProperty("level").GetString());
        Assert.Matches(@"^\d{4}-\d{2}$", dashboard.GetProperty("period").GetString()!);
        Assert.Contains(dashboard.GetProperty("series").EnumerateArray(), s => s.GetProperty("sourceCode").GetString() == "FORM");
        Assert.Equal(11, dashboard.GetProperty("ranking").GetProperty("rows").GetArrayLength());
        Assert.Equal("73.24", target.GetProperty("regionCode").GetString());
        Assert.True(target.GetProperty("nationalReference").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Number, target.GetProperty("nationalReference")[0].GetProperty("value").ValueKind);
        await AssertProblemAsync(await client.GetAsync("/api/v1/targets/73.24?indicator=tidak-ada"), HttpStatusCode.NotFound, "not_found");
    }
}
