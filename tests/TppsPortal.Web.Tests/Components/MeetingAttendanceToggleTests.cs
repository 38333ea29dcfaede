using Bunit;
using MudBlazor.Services;
using TppsPortal.Meetings;
using TppsPortal.Web.Meetings;

namespace TppsPortal.Web.Tests.Components;

/// <summary>The per-agency attendance toggle of the meeting editor: one of four states, named for screen readers.</summary>
public sealed class MeetingAttendanceToggleTests
{
    // A context per test, disposed asynchronously: MudBlazor's key interceptor can only be disposed that way.
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    [Fact]
    public async Task Toggle_ShowsTheFourStatesWithOnlyTheCurrentOnePressed()
    {
        await using var ctx = NewContext();
        var toggle = ctx.Render<AttendanceToggle>(p => p
            .Add(t => t.AgencyName, "Dinas Kesehatan")
            .Add(t => t.Value, AttendanceStatus.Diwakili));

        var group = toggle.Find("[role=group]");
        Assert.Equal("Kehadiran Dinas Kesehatan", group.GetAttribute("aria-label"));
        var buttons = toggle.FindAll("button");
        Assert.Equal(["Hadir", "Diwakili", "Tidak hadir", "Belum dicatat"], buttons.Select(b => b.TextContent.Trim()));
        Assert.Equal(["false", "true", "false", "false"], buttons.Select(b => b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Toggle_WhenAnotherStateIsClicked_ReportsIt()
    {
        await using var ctx = NewContext();
        AttendanceStatus? reported = null;
        var toggle = ctx.Render<AttendanceToggle>(p => p
            .Add(t => t.AgencyName, "Bappeda")
            .Add(t => t.Value, AttendanceStatus.BelumDicatat)
            .Add(t => t.ValueChanged, (AttendanceStatus s) => reported = s));

        toggle.FindAll("button").Single(b => b.TextContent.Trim() == "Tidak hadir").Click();

        Assert.Equal(AttendanceStatus.TidakHadir, reported);
    }

    [Fact]
    public async Task Toggle_WhenReadOnly_DisablesTheOtherStatesAndReportsNothing()
    {
        await using var ctx = NewContext();
        AttendanceStatus? reported = null;
        var toggle = ctx.Render<AttendanceToggle>(p => p
            .Add(t => t.AgencyName, "Bappeda")
            .Add(t => t.Value, AttendanceStatus.Hadir)
            .Add(t => t.ReadOnly, true)
            .Add(t => t.ValueChanged, (AttendanceStatus s) => reported = s));

        var others = toggle.FindAll("button").Where(b => b.TextContent.Trim() != "Hadir").ToList();

        Assert.All(others, b => Assert.True(b.HasAttribute("disabled")));
        Assert.Null(reported);
    }
}
