using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TppsPortal.Accounts;
using TppsPortal.Web.Components.Layout;

namespace TppsPortal.Web.Tests.Components;

/// <summary>"Integrasi DHIS2" in the menu for those who may read a district's export (AccessPolicy.CanReadDhis2), and no one else.</summary>
public sealed class Dhis2NavMenuTests : BunitContext
{
    public Dhis2NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccessPolicy(NullLogger<AccessPolicy>.Instance));
    }

    [Theory]
    [InlineData("admin.sistem", Role.AdminSistem, null, null, true)]
    [InlineData("admin.lutim", Role.AdminSekretariat, "73.24", null, true)]
    [InlineData("pimpinan.lutim", Role.Pimpinan, "73.24", null, true)]
    [InlineData("pemantau.sulsel", Role.PemantauProvinsi, "73", null, true)]
    [InlineData("opd.dp2kb.lutim", Role.OperatorOpd, "73.24", 2, false)]
    [InlineData("camat.malili", Role.OperatorKecamatan, "73.24.04", null, false)]
    public void NavMenu_IntegrasiDhis2_OnlyForThoseWhoReadTheExport(string userName, Role role, string? region, int? agency, bool shown)
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("1", userName, role, region, agency)));

        var links = menu.FindAll("a").Where(a => a.TextContent.Trim() == "Integrasi DHIS2").ToList();
        Assert.Equal(shown ? 1 : 0, links.Count);
        Assert.All(links, a => Assert.Equal("/integrasi/dhis2", a.GetAttribute("href")));
    }
}
