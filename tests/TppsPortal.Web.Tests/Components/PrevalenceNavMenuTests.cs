using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TppsPortal.Accounts;
using TppsPortal.Web.Components.Layout;

namespace TppsPortal.Web.Tests.Components;

/// <summary>"Angka prevalensi" and "Target" sit right after "Kelengkapan", for every role that reads figures.</summary>
public sealed class PrevalenceNavMenuTests : BunitContext
{
    public PrevalenceNavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccessPolicy(NullLogger<AccessPolicy>.Instance));
    }

    [Fact]
    public void NavMenu_ForPimpinan_ShowsFiguresAndTargetRightAfterCompleteness()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("1", "pimpinan.lutim", Role.Pimpinan, "73.24", null)));

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        var completeness = links.IndexOf("/laporan/kelengkapan");
        Assert.True(completeness >= 0);
        Assert.Equal(["/prevalensi/angka", "/prevalensi/target"], links.Skip(completeness + 1).Take(2));
    }

    [Fact]
    public void NavMenu_ForOperatorOpd_HidesFiguresAndTarget()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("2", "opd.dp2kb.lutim", Role.OperatorOpd, "73.24", 1)));

        Assert.DoesNotContain("Angka prevalensi", menu.Markup);
        Assert.DoesNotContain("/prevalensi/target", menu.Markup);
    }
}
