using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TppsPortal.Accounts;
using TppsPortal.Submissions;
using TppsPortal.Web.Components.Layout;
using TppsPortal.Web.Submissions;

namespace TppsPortal.Web.Tests.Components;

/// <summary>The menu entries of the kecamatan reports, and the import template the form offers.</summary>
public sealed class SubmissionNavAndTemplateTests : BunitContext
{
    public SubmissionNavAndTemplateTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccessPolicy(NullLogger<AccessPolicy>.Instance));
    }

    private IReadOnlyList<string?> MenuLinks(Actor actor) =>
        Render<NavMenu>(p => p.Add(m => m.Actor, actor)).FindAll("a").Select(a => a.GetAttribute("href")).ToList();

    [Fact]
    public void Menu_ForCamat_OffersTheReportsButNotTheCompletenessBoard()
    {
        var links = MenuLinks(new Actor("2", "camat.malili", Role.OperatorKecamatan, "73.24.04", null));

        Assert.Contains("/laporan", links);
        Assert.DoesNotContain("/laporan/kelengkapan", links);
    }

    [Theory]
    [InlineData(Role.AdminSekretariat, "73.24")]
    [InlineData(Role.Pimpinan, "73.24")]
    [InlineData(Role.PemantauProvinsi, "73")]
    [InlineData(Role.AdminSistem, null)]
    public void Menu_ForTheSecretariatAndOfficials_OffersReportsAndTheBoard(Role role, string? scope)
    {
        var links = MenuLinks(new Actor("1", "someone", role, scope, null));

        Assert.Contains("/laporan", links);
        Assert.Contains("/laporan/kelengkapan", links);
    }

    [Fact]
    public void Menu_ForOperatorOpd_HasNoReports()
    {
        var links = MenuLinks(new Actor("5", "opd.dp2kb.lutim", Role.OperatorOpd, "73.24", 3));

        Assert.DoesNotContain(links, l => l?.StartsWith("/laporan", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Template_HasTheImportersHeaderAndALinePerVillageWithItsCodeAndName()
    {
        var csv = SubmissionUi.TemplateCsv([("73.24.04.1901", "Kelurahan Malili"), ("73.24.04.2001", "Desa Baru, Atas")]);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SubmissionImporter.TemplateHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        var columns = lines[0].Split(',').Length;
        Assert.Equal("73.24.04.1901,Kelurahan Malili" + new string(',', columns - 2), lines[1]);
        Assert.Equal("73.24.04.2001,\"Desa Baru, Atas\"" + new string(',', columns - 2), lines[2]);
    }

    [Fact]
    public void TemplateLink_IsADataUriWithAByteOrderMarkForSpreadsheets()
    {
        var uri = SubmissionUi.TemplateDataUri([("73.24.04.1901", "Kelurahan Malili")]);

        Assert.StartsWith("data:text/csv;charset=utf-8,", uri);
        var content = Uri.UnescapeDataString(uri["data:text/csv;charset=utf-8,".Length..]);
        Assert.Equal("\uFEFF" + SubmissionUi.TemplateCsv([("73.24.04.1901", "Kelurahan Malili")]), content);
    }
}
