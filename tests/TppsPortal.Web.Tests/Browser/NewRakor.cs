using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>How the meeting tests start a new district rakor as admin.lutim: the list, "Rapat baru", its details.</summary>
public static class NewRakor
{
    /// <summary>From /rapat through "Rapat baru" (the district is the default area) to the empty editor.</summary>
    public static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/rapat");
        await BrowserSession.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rapat baru" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Lanjut" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rapat/baru"));
    }

    /// <summary>Title, date (dd/MM/yyyy as the date picker takes it) and venue.</summary>
    public static async Task FillDetailsAsync(IPage page, string title, string date, string venue)
    {
        await page.GetByLabel("Judul rapat").FillAsync(title);
        await page.GetByLabel("Tanggal rapat").FillAsync(date);
        await page.GetByLabel("Tanggal rapat").PressAsync("Tab");
        await page.GetByLabel("Tempat", new() { Exact = true }).FillAsync(venue);
    }
}
