using Microsoft.Playwright;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, fully offline (never 'playwright install'). Screenshots go to
/// TPPS_ARTIFACTS (scripts/test.sh sets it) or ./artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("TPPS_ARTIFACTS") is { Length: > 0 } value
                ? value
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: scripts/test.sh installs Debian's 'chromium' package.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A phone-sized page (360x740) or another viewport, with Indonesian locale.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 360, int height = 740)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits until the Blazor circuit is interactive.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });

    /// <summary>
    /// Chooses a file in a Blazor InputFile (MudFileUpload) once the component has attached its listener to the
    /// element (blazor.web.js marks it with _blazorInputFileNextFileId). A file set before that is silently ignored:
    /// on a busy machine the test was faster than the dialog's first render settling.
    /// </summary>
    public static async Task ChooseFileAsync(ILocator input, FilePayload file)
    {
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await input.Page.WaitForFunctionAsync("el => el._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(file);
    }

    /// <summary>
    /// Clicks as a person does: the button goes down, about 150 ms pass, it comes up. Between the two the field that
    /// lost focus reaches the server and the page re-renders; if that moves the button away from under the pointer the
    /// browser fires no click on it. Playwright's own click presses and releases within a few milliseconds and hides that.
    /// </summary>
    public static async Task ClickLikeAPersonAsync(ILocator target)
    {
        await target.ScrollIntoViewIfNeededAsync();
        var box = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("The element to click is not visible.");
        var mouse = target.Page.Mouse;
        await mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await mouse.DownAsync();
        await Task.Delay(150);
        await mouse.UpAsync();
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
