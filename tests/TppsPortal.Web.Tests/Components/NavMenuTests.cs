using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TppsPortal.Accounts;
using TppsPortal.Web.Components.Layout;

namespace TppsPortal.Web.Tests.Components;

/// <summary>The navigation reflects what the role may use (the services enforce it; the menu only mirrors it).</summary>
public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccessPolicy(NullLogger<AccessPolicy>.Instance));
    }

    [Fact]
    public void NavMenu_ForAdminSekretariat_ShowsUsersButNotTheRegionImport()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("1", "admin.lutim", Role.AdminSekretariat, "73.24", null)));

        Assert.Contains("Pengguna", menu.Markup);
        Assert.Contains("Instansi", menu.Markup);
        Assert.DoesNotContain("Impor daftar wilayah", menu.Markup);
    }

    [Fact]
    public void NavMenu_ForCamat_HidesUserManagement()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("2", "camat.malili", Role.OperatorKecamatan, "73.24.04", null)));

        Assert.Contains("Wilayah", menu.Markup);
        Assert.DoesNotContain("Pengguna", menu.Markup);
        Assert.DoesNotContain("Impor daftar wilayah", menu.Markup);
    }

    [Fact]
    public void NavMenu_ForAdminSistem_ShowsTheRegionImport()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("3", "admin.sistem", Role.AdminSistem, null, null)));

        var link = menu.FindAll("a").Single(a => a.TextContent.Contains("Impor daftar wilayah"));
        Assert.Equal("/admin/impor-wilayah", link.GetAttribute("href"));
    }
}
