using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;
using TppsPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// Two portal processes on one database behind HAProxy (Debian's package), sticky by a cookie, as docs/operations.md
/// describes. A camat signs in and types on the form through the balancer. The node that serves the session is
/// stopped in the middle of it: the balancer sends the next request to the other node, the sign-in holds there (the
/// Data Protection keys live in PostgreSQL), the page starts a new session, and the value typed while the first node
/// was down is stored: nothing is lost.
/// The nodes run the solution's build output (Development environment, so that static assets come from the build, not a
/// publish folder; demo data, migrations and the scheduler off).
/// </summary>
public sealed class TwoInstanceTests(PortalFactory portal, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    private static readonly LocatorAssertionsToHaveTextOptions Shown = new() { Timeout = 60_000, UseInnerText = true }; // the text a person sees
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tpps-two-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ConcurrentQueue<string> _logs = new();

    [Fact]
    public async Task TheNodeServingACamatStops_TheOtherServesTheSameSignIn_AndWhatWasTypedMeanwhileIsStored()
    {
        Directory.CreateDirectory(_folder);
        var webDll = PortalBuild.WebDll();
        int portA = FreePort(), portB = FreePort(), balancerPort = FreePort();
        var nodes = new Dictionary<string, Process>
        {
            ["a"] = StartNode(webDll, "a", portA),
            ["b"] = StartNode(webDll, "b", portB),
        };
        Process? balancer = null;
        IPage? page = null;
        try
        {
            await WaitReadyAsync(portA, nodes["a"]);
            await WaitReadyAsync(portB, nodes["b"]);
            balancer = StartBalancer(balancerPort, portA, portB);
            var address = new Uri($"http://127.0.0.1:{balancerPort}/");
            await WaitReadyAsync(balancerPort, balancer);

            var period = await CamatForms.OpenFreePeriodAsync(portal.Services);
            var row = (await CamatForms.FormAsync(portal.Services, "camat.malili", period.Id)).Rows[0];
            page = await browser.NewPageAsync(address, 1280, 900);
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync(CamatForms.Url(period.Id));
            await BrowserSession.WaitInteractiveAsync(page);
            var village = CamatForms.Village(page, row.VillageName);
            await village.GetByLabel("Jumlah keluarga", new() { Exact = true }).FillAsync("1072");
            await Assertions.Expect(village.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", Shown);
            Assert.Equal(1072, (await CamatForms.EventuallyStoredAsync(portal.Services, period.Id, row.VillageCode, v => v.Families == 1072)).Families);

            // The balancer's cookie names the node that serves this browser; that node goes down.
            var cookies = await page.Context.CookiesAsync([address.ToString()]);
            var serving = cookies.Single(c => c.Name == "TPPSNODE").Value;
            var other = serving == "a" ? "b" : "a";
            output.WriteLine($"serving node {serving}; stopping it");
            nodes[serving].Kill(entireProcessTree: true);
            await nodes[serving].WaitForExitAsync();

            await village.GetByLabel("Keluarga berisiko stunting", new() { Exact = true }).FillAsync("55");

            // Stored by the other node, and the page, reloaded there, still belongs to the signed-in camat.
            var stored = await CamatForms.EventuallyStoredAsync(portal.Services, period.Id, row.VillageCode, v => v.FamiliesAtRisk == 55, seconds: 90);
            Assert.Equal(55, stored.FamiliesAtRisk);
            Assert.Equal(1072, stored.Families);
            await BrowserSession.WaitInteractiveAsync(page);
            Assert.EndsWith(CamatForms.Url(period.Id), new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(village.GetByLabel("Keluarga berisiko stunting", new() { Exact = true })).ToHaveValueAsync("55");
            await Assertions.Expect(village.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", Shown);
            Assert.Contains(_logs, l => l.StartsWith($"{other}:", StringComparison.Ordinal) && l.Contains("/laporan/", StringComparison.Ordinal));
            await BrowserSession.ScreenshotAsync(page, "two-instances-after-failover");
        }
        catch
        {
            if (page is not null)
            {
                await BrowserSession.ScreenshotAsync(page, "two-instances-failure");
            }
            output.WriteLine(string.Join('\n', _logs.TakeLast(120)));
            throw;
        }
        finally
        {
            if (page is not null)
            {
                await page.Context.CloseAsync();
            }
            foreach (var process in nodes.Values.Append(balancer).OfType<Process>())
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
                process.Dispose();
            }
        }
    }

    private Process StartNode(string webDll, string name, int port)
    {
        var info = new ProcessStartInfo("dotnet", [webDll])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__Tpps"] = portal.ConnectionString;
        info.Environment["Tpps__DemoMode"] = "false";
        info.Environment["Tpps__MigrateOnStartup"] = "false";
        info.Environment["Notifications__Scheduler__Enabled"] = "false";
        info.Environment["Serilog__MinimumLevel__Default"] = "Information";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_folder, name, "tpps-.log");
        return Watch(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), name);
    }

    private Process StartBalancer(int port, int portA, int portB)
    {
        var config = Path.Combine(_folder, "haproxy.cfg");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            defaults
                mode http
                timeout connect 2s
                timeout client 120s
                timeout server 120s
                timeout tunnel 1h
                option redispatch
                retries 2

            frontend portal
                bind 127.0.0.1:{port}
                default_backend nodes

            backend nodes
                balance roundrobin
                cookie TPPSNODE insert indirect nocache httponly
                option httpchk GET /health/live
                default-server inter 500ms fall 2 rise 2
                server a 127.0.0.1:{portA} check cookie a
                server b 127.0.0.1:{portB} check cookie b

            """));
        var haproxy = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
        var info = new ProcessStartInfo(haproxy, ["-db", "-f", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Watch(Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start (scripts/test.sh installs it)"), "lb");
    }

    private Process Watch(Process process, string name)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _logs.Enqueue($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _logs.Enqueue($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitReadyAsync(int port, Process process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "a process ended early:\n" + string.Join('\n', _logs.TakeLast(60)));
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"nothing answered on port {port} within 90 s:\n" + string.Join('\n', _logs.TakeLast(60)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
