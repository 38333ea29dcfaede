using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TppsPortal.Accounts;
using TppsPortal.Web.Components.Layout;

namespace TppsPortal.Web.Tests.Components;

/// <summary>The meeting pages are in the menu of everyone who can read meetings: a region scope, or Admin Sistem.</summary>
public sealed class MeetingNavMenuTests : BunitContext
{
    public MeetingNavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccessPolicy(NullLogger<AccessPolicy>.Instance));
    }

    public static TheoryData<Role, string?> Readers => new()
    {
        { Role.AdminSistem, null },
        { Role.AdminSekretariat, "73.24" },
        { Role.Pimpinan, "73.24" },
        { Role.OperatorKecamatan, "73.24.04" },
        { Role.OperatorOpd, "73.24" },
        { Role.PemantauProvinsi, "73" },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void NavMenu_ForMeetingReaders_LinksTheMeetingPages(Role role, string? region)
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("1", "user", role, region, role == Role.OperatorOpd ? 3 : null)));

        var links = menu.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("/rapat", links["Rapat"]);
        Assert.Equal("/tindak-lanjut", links["Tindak lanjut"]);
        Assert.Equal("/tim", links["Tim TPPS"]);
    }

    [Fact]
    public void NavMenu_ForAnAccountWithoutARegion_HidesTheMeetingPages()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Actor, new Actor("2", "baru", Role.Pimpinan, null, null)));

        Assert.DoesNotContain(menu.FindAll("a"), a => a.TextContent.Trim() is "Rapat" or "Tindak lanjut" or "Tim TPPS");
    }
}
