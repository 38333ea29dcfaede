using Microsoft.Playwright;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// wwwroot/js/pressed.js in a real Chromium, on a page that does what a re-render after a field's blur does: the message
/// under the field disappears 40 ms after the field loses focus and the button moves up. A person presses the button,
/// 150 ms pass, they release: without the script the browser fires no click on the button; with it, exactly one.
/// </summary>
public sealed class PressedButtonTests(BrowserSession browser) : IClassFixture<BrowserSession>
{
    private static readonly string Script = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "TppsPortal.Web", "wwwroot", "js", "pressed.js"));

    private const string Page = """
        <!DOCTYPE html><html><body style="font:16px sans-serif;margin:20px">
        <input id="field" value="120" />
        <p id="message" style="height:60px;margin:0;color:#b00">Target adalah persen antara 0 dan 100.</p>
        <button id="save" style="height:36px;width:160px">Simpan</button>
        <button id="other" style="height:36px;width:160px">Lain</button>
        <script>
          window.clicks = { save: 0, other: 0, anywhere: 0 };
          document.getElementById('save').addEventListener('click', () => window.clicks.save++);
          document.getElementById('other').addEventListener('click', () => window.clicks.other++);
          document.addEventListener('click', () => window.clicks.anywhere++);
          document.getElementById('field').addEventListener('blur', () =>
            setTimeout(() => document.getElementById('message').remove(), 40));
        </script>
        </body></html>
        """;

    private async Task<IPage> OpenAsync(bool withScript)
    {
        var page = await browser.NewPageAsync(new Uri("http://127.0.0.1/"), 800, 600);
        await page.SetContentAsync(Page);
        if (withScript)
        {
            await page.AddScriptTagAsync(new() { Content = Script });
        }
        await page.Locator("#field").FillAsync("19,5");
        return page;
    }

    private static async Task PressAsync(IPage page, ILocator target, float moveBy = 0)
    {
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await Task.Delay(150);
        if (moveBy != 0)
        {
            await page.Mouse.MoveAsync(box.X + box.Width / 2 + moveBy, box.Y + box.Height / 2, new() { Steps = 3 });
        }
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(100);
    }

    private static Task<int> ClicksAsync(IPage page, string on) => page.EvaluateAsync<int>($"() => window.clicks.{on}");

    [Fact]
    public async Task WithoutTheScript_APressOnAButtonThatMovedAway_IsNoClickOnIt()
    {
        var page = await OpenAsync(withScript: false);
        try
        {
            await PressAsync(page, page.Locator("#save"));

            Assert.Equal(0, await ClicksAsync(page, "save"));
            Assert.Equal(0, await page.Locator("#message").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithTheScript_APressOnAButtonThatMovedAway_ClicksItOnce_AndNothingElse()
    {
        var page = await OpenAsync(withScript: true);
        try
        {
            await PressAsync(page, page.Locator("#save"));

            Assert.Equal(1, await ClicksAsync(page, "save"));
            Assert.Equal(0, await ClicksAsync(page, "other"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithTheScript_AnOrdinaryClick_IsStillOneClick()
    {
        var page = await OpenAsync(withScript: true);
        try
        {
            // The message is gone first: nothing moves during this press.
            await page.Locator("#field").BlurAsync();
            await Assertions.Expect(page.Locator("#message")).ToHaveCountAsync(0);

            await PressAsync(page, page.Locator("#save"));

            Assert.Equal(1, await ClicksAsync(page, "save"));
            Assert.Equal(1, await ClicksAsync(page, "anywhere"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithTheScript_APressDraggedAwayFromTheButton_StaysACancel()
    {
        var page = await OpenAsync(withScript: true);
        try
        {
            await page.Locator("#field").BlurAsync();
            await Assertions.Expect(page.Locator("#message")).ToHaveCountAsync(0);

            await PressAsync(page, page.Locator("#save"), moveBy: 200);

            Assert.Equal(0, await ClicksAsync(page, "save"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TppsPortal.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("TppsPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
