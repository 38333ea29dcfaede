using Bunit;
using MudBlazor.Services;
using TppsPortal.Meetings;
using TppsPortal.Web.Meetings;

namespace TppsPortal.Web.Tests.Components;

/// <summary>The follow-up actions table of a meeting: overdue rows stand out, and only permitted rows offer a status update.</summary>
public sealed class MeetingActionsTableTests
{
    // A context per test, disposed asynchronously: MudBlazor's key interceptor can only be disposed that way.
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    private static ActionRow Row(int number, string text, bool overdue, bool canUpdate, ActionStatus status = ActionStatus.Proses) =>
        new(number * 10, 7, "Rakor TPPS Kabupaten Luwu Timur", new DateOnly(2024, 2, 13), number, text, 3, "DP2KB",
            new DateOnly(2024, 4, 30), status, overdue, null, null, null, null, null, false, canUpdate, 1, []);

    [Fact]
    public async Task Table_MarksOnlyOverdueRowsRed()
    {
        await using var ctx = NewContext();
        var table = ctx.Render<ActionsTable>(p => p.Add(t => t.Items,
        [
            Row(1, "Pemutakhiran data keluarga berisiko", overdue: true, canUpdate: false),
            Row(2, "Rekap pengukuran serentak", overdue: false, canUpdate: false, ActionStatus.Selesai),
        ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("tpps-overdue", rows[0].ClassName);
        Assert.Contains("Terlambat", rows[0].TextContent);
        Assert.Contains("30 April 2024", rows[0].TextContent);
        Assert.DoesNotContain("tpps-overdue", rows[1].ClassName ?? "");
        Assert.DoesNotContain("Terlambat", rows[1].TextContent);
    }

    [Fact]
    public async Task Table_OffersTheStatusUpdateOnlyWhereAllowed_AndReportsTheRow()
    {
        await using var ctx = NewContext();
        ActionRow? chosen = null;
        var allowed = Row(2, "Rekap pengukuran serentak", overdue: false, canUpdate: true);
        var table = ctx.Render<ActionsTable>(p => p
            .Add(t => t.Items, [Row(1, "Orientasi kader", overdue: false, canUpdate: false), allowed])
            .Add(t => t.OnUpdateStatus, (ActionRow r) => chosen = r));

        var buttons = table.FindAll("button").Where(b => b.TextContent.Contains("Perbarui status")).ToList();
        var button = Assert.Single(buttons);
        button.Click();

        Assert.Same(allowed, chosen);
        Assert.DoesNotContain(table.FindAll("button"), b => b.TextContent.Contains("Ubah"));
    }

    [Fact]
    public async Task Table_ForCarriedOverActions_LinksEachToItsMeeting()
    {
        await using var ctx = NewContext();
        var table = ctx.Render<ActionsTable>(p => p
            .Add(t => t.Items, [Row(1, "Orientasi kader", overdue: false, canUpdate: false)])
            .Add(t => t.ShowMeeting, true));

        var link = table.FindAll("a").Single(a => a.TextContent.Contains("Rakor TPPS Kabupaten Luwu Timur"));
        Assert.Equal("/rapat/7", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Table_WithoutActions_SaysSo()
    {
        await using var ctx = NewContext();
        var table = ctx.Render<ActionsTable>(p => p.Add(t => t.Items, []).Add(t => t.EmptyText, "Belum ada tindak lanjut untuk rapat ini."));

        Assert.Contains("Belum ada tindak lanjut untuk rapat ini.", table.Markup);
    }
}
