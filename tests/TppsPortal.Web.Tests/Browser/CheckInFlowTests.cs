using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Meetings;
using TppsPortal.Testing;
using TppsPortal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// Self check-in in Chromium: a participant on a 360 px phone opens the link the secretariat shows, signs with a
/// finger and sends; the secretariat's open meeting page shows the entry without a reload, and the signature is in
/// the daftar hadir of the minutes PDF. A refused post keeps what was typed and drawn.
/// </summary>
public sealed class CheckInFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static CheckInFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AParticipantChecksInOnAPhone_TheSecretariatSeesItAtOnce_AndTheSignatureIsInTheMinutesPdf()
    {
        var id = await CreateTodaysMeetingAsync("Rakor daftar hadir lewat ponsel");

        // The secretariat's page, open on the attendance panel, with the QR code shown.
        var desk = await browser.NewPageAsync(portal.ServerAddress, width: 1280, height: 900);
        await BrowserSession.SignInAsync(desk, "admin.lutim", PortalFactory.DemoPassword);
        await desk.GotoAsync($"/rapat/{id}");
        await BrowserSession.WaitInteractiveAsync(desk);
        await desk.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("checkin-empty")).ToBeVisibleAsync();
        await desk.GetByTestId("checkin-show-qr").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("checkin-qr").GetByRole(AriaRole.Img)).ToBeVisibleAsync();
        var address = (await desk.GetByTestId("checkin-address").InnerTextAsync()).Trim();
        Assert.Matches("/hadir/[0-9a-f]{32}$", address);
        await BrowserSession.ScreenshotAsync(desk, "checkin-secretariat-qr");

        // The participant's phone: no account, a fresh browser context.
        var phone = await browser.NewPageAsync(portal.ServerAddress);
        await phone.GotoAsync(address);
        await Assertions.Expect(phone.GetByTestId("checkin-meeting")).ToContainTextAsync("Rakor daftar hadir lewat ponsel");
        await phone.GetByLabel("Jabatan").FillAsync("Kepala Bidang Kesehatan Masyarakat");
        await phone.GetByLabel("Instansi", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dinas Kesehatan" });
        await SignAsync(phone);
        // Sent without a name: refused at the field, and everything else is still there, the drawing included.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim kehadiran" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("error-Name")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByLabel("Jabatan")).ToHaveValueAsync("Kepala Bidang Kesehatan Masyarakat");
        Assert.StartsWith("data:image/png;base64,", await phone.Locator("#ttd").InputValueAsync());
        Assert.True(await InkedPixelsAsync(phone) > 50, "the drawing is back on the pad after the refused post");

        await phone.GetByLabel("Nama lengkap").FillAsync("dr. Sitti Nurhaedah");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim kehadiran" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("checkin-done")).ToContainTextAsync("Terima kasih, dr. Sitti Nurhaedah.");
        await BrowserSession.ScreenshotAsync(phone, "checkin-phone-360");

        // On the secretariat's page at once, without a reload.
        var row = desk.GetByTestId("checkin-row").Filter(new() { HasText = "dr. Sitti Nurhaedah" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Dinas Kesehatan");
        await Assertions.Expect(row.GetByTestId("checkin-signature")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(desk, "checkin-secretariat-list");

        // In the minutes: the name, and the signature as the one picture of the daftar hadir page.
        var response = await desk.APIRequest.GetAsync($"/rapat/{id}/notulen.pdf");
        Assert.Equal(200, response.Status);
        var pdf = await response.BodyAsync();
        await File.WriteAllBytesAsync(Path.Combine(BrowserSession.ArtifactsDirectory, "checkin-minutes.pdf"), pdf);
        using var document = PdfDocument.Open(pdf);
        var attendancePage = document.GetPages().Last(p => p.Text.Contains("Nurhaedah", StringComparison.Ordinal));
        Assert.Contains("DAFTAR HADIR", attendancePage.Text, StringComparison.Ordinal);
        Assert.Single(attendancePage.GetImages());
    }

    [Fact]
    public async Task APostLostOnAWeakNetwork_KeepsWhatWasTypedAndDrawn_ForTheNextTry()
    {
        var id = await CreateTodaysMeetingAsync("Rakor daftar hadir sinyal lemah");
        using (var scope = portal.Services.CreateScope())
        {
            var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
            var link = await scope.ServiceProvider.GetRequiredService<CheckInService>().GetLinkAsync(admin, id);
            await using var relay = new TcpRelay(portal.ServerAddress);
            var phone = await browser.NewPageAsync(relay.Address);
            await phone.GotoAsync(link.Path);
            await phone.GetByLabel("Nama lengkap").FillAsync("Hj. Andi Nurlela");
            await phone.GetByLabel("Jabatan").FillAsync("Ketua TP PKK Kecamatan Malili");
            await phone.GetByLabel("Instansi", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await SignAsync(phone);

            // The connection is cut as the participant sends: the post fails. The test waits for exactly that (the
            // request's failure), not for what the browser shows next: in CI Chromium once never fired the error page's
            // load event and once never committed an error page at all within 30 s after the failed post. Opening the
            // link again below starts a new navigation, which replaces whatever the failed one was still doing.
            relay.Cut();
            var postFailed = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            phone.RequestFailed += (_, request) =>
            {
                if (request.Method == "POST" && request.Url.Contains(link.Path, StringComparison.Ordinal))
                {
                    postFailed.TrySetResult(request);
                }
            };
            await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim kehadiran" }).ClickAsync();
            await postFailed.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<CheckInService>().ListAsync(admin, id));

            // The network is back; the participant scans the QR code again, which opens the link in a new tab of the
            // phone's browser, and finds the form as they left it. (Opening it again in the tab of the failed post raced
            // with Chromium committing that post's error page, which interrupted the new navigation.)
            relay.Restore();
            var again = await phone.Context.NewPageAsync();
            await again.GotoAsync(relay.Address + link.Path);
            await Assertions.Expect(again.GetByLabel("Nama lengkap")).ToHaveValueAsync("Hj. Andi Nurlela");
            await Assertions.Expect(again.GetByLabel("Jabatan")).ToHaveValueAsync("Ketua TP PKK Kecamatan Malili");
            Assert.NotEqual("", await again.GetByLabel("Instansi", new() { Exact = true }).InputValueAsync());
            Assert.True(await InkedPixelsAsync(again) > 50, "the drawing is back on the pad");
            await again.GetByRole(AriaRole.Button, new() { Name = "Kirim kehadiran" }).ClickAsync();
            await Assertions.Expect(again.GetByTestId("checkin-done")).ToContainTextAsync("Hj. Andi Nurlela");

            var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<CheckInService>().ListAsync(admin, id));
            Assert.Equal("Ketua TP PKK Kecamatan Malili", row.Position);
            Assert.NotNull(row.Signature);
            // Once thanked, the copy is forgotten: the link opens an empty form for the next person on this phone.
            var next = await phone.Context.NewPageAsync();
            await next.GotoAsync(relay.Address + link.Path);
            await Assertions.Expect(next.GetByLabel("Nama lengkap")).ToHaveValueAsync("");
        }
    }

    [Fact]
    public async Task ACopyOlderThanADay_IsNotPutBackInTheForm_AndIsRemoved()
    {
        var id = await CreateTodaysMeetingAsync("Rakor salinan kemarin");
        using var scope = portal.Services.CreateScope();
        var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
        var link = await scope.ServiceProvider.GetRequiredService<CheckInService>().GetLinkAsync(admin, id);
        var phone = await browser.NewPageAsync(portal.ServerAddress);
        await phone.GotoAsync(link.Path);
        var key = "tpps.checkin:" + new Uri(phone.Url).AbsolutePath;

        // A copy from yesterday's attempt and one from an hour ago, each written as the page writes it.
        await phone.EvaluateAsync("([k, at]) => localStorage.setItem(k, JSON.stringify({ at, fields: { nama: 'Peserta Kemarin' } }))",
            new object[] { key, DateTimeOffset.UtcNow.AddHours(-25).ToUnixTimeMilliseconds() });
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Nama lengkap")).ToHaveValueAsync("");
        Assert.Null(await phone.EvaluateAsync<string?>("k => localStorage.getItem(k)", key));

        await phone.EvaluateAsync("([k, at]) => localStorage.setItem(k, JSON.stringify({ at, fields: { nama: 'Peserta Tadi' } }))",
            new object[] { key, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() });
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Nama lengkap")).ToHaveValueAsync("Peserta Tadi");
    }

    [Fact]
    public async Task TheLink_IsRefusedTheDayAfterTheMeeting_AndForAnUnknownToken()
    {
        var id = await CreateTodaysMeetingAsync("Rakor kemarin lewat ponsel", daysFromToday: -1);
        using var scope = portal.Services.CreateScope();
        var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
        var link = await scope.ServiceProvider.GetRequiredService<CheckInService>().GetLinkAsync(admin, id);

        var phone = await browser.NewPageAsync(portal.ServerAddress);
        await phone.GotoAsync(link.Path);
        await Assertions.Expect(phone.GetByTestId("checkin-closed")).ToContainTextAsync("hanya dibuka pada hari rapat");
        Assert.Equal(0, await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim kehadiran" }).CountAsync());

        await phone.GotoAsync("hadir/" + new string('0', Meeting.CheckInTokenLength));
        await Assertions.Expect(phone.GetByTestId("checkin-closed")).ToContainTextAsync("tidak dikenal");
    }

    private async Task<int> CreateTodaysMeetingAsync(string title, int daysFromToday = 0)
    {
        using var scope = portal.Services.CreateScope();
        var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
        var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = title;
        form.Date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).Date).AddDays(daysFromToday);
        form.Venue = "Ruang Rapat Bupati Luwu Timur";
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return created.Value;
    }

    /// <summary>A finger's stroke across the pad (Chromium sends pointer events for the mouse as for a touch).</summary>
    private static async Task SignAsync(IPage page)
    {
        var pad = page.GetByTestId("signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height * 0.7f);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await page.Mouse.MoveAsync(box.X + 20 + i * (box.Width - 40) / 12, box.Y + box.Height * (i % 2 == 0 ? 0.3f : 0.7f));
        }
        await page.Mouse.UpAsync();
    }

    private static Task<int> InkedPixelsAsync(IPage page) =>
        page.EvaluateAsync<int>(@"() => new Promise(done => setTimeout(() => {
            const c = document.querySelector('[data-testid=signature-pad]');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
            done(n);
        }, 300))");
}
