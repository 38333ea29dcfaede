using System.Diagnostics;
using Microsoft.Playwright;
using TppsPortal.Submissions;
using TppsPortal.Testing;

namespace TppsPortal.Benchmarks.Field;

/// <summary>The scenarios of the field benchmark. Each page gets its own relay, so outages can overlap in time.</summary>
public sealed class FieldRun(FieldBenchmark.FieldOptions options, IBrowser browser, PortalProcess portal, FieldBenchmark.FormData data, Report report, Func<TimeSpan> remaining)
{
    private static readonly string[] Labels = ["Jumlah keluarga", "Ibu hamil"];
    private static readonly Figure[] Figures = [Figure.Families, Figure.Pregnant];
    private readonly Random _random = new(11);
    private string _storageState = "";

    public async Task SignInOnceAsync()
    {
        await using var relay = new TcpRelay(portal.Address);
        var context = await NewContextAsync(relay, storageState: null);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("camat.malili");
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(FieldBenchmark.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await WaitInteractiveAsync(page, TimeSpan.FromSeconds(60));
        _storageState = await context.StorageStateAsync();
        await context.CloseAsync();
    }

    public async Task RunAsync()
    {
        if (options.Parts.Contains("bytes"))
        {
            await BytesAsync();
        }
        if (options.Parts.Contains("timing"))
        {
            await TimingsAsync();
        }
        if (options.Parts.Contains("keys"))
        {
            await KeystrokesAsync();
        }
        if (options.Parts.Contains("loss") || options.Parts.Contains("outages"))
        {
            foreach (var seconds in options.OutagesSeconds)
            {
                await LossAsync($"outage {Duration(seconds)}", TimeSpan.FromSeconds(seconds) + SettleWindow + TimeSpan.FromSeconds(70), slot => OutageTryAsync(slot, TimeSpan.FromSeconds(seconds)));
            }
        }
        if (options.Parts.Contains("loss"))
        {
            await RestartAsync();
            await LossAsync("typing before the page is interactive (Fast 3G + CPU 4x)", TimeSpan.FromSeconds(150), BeforeInteractiveTryAsync, parallel: 1);
            await LossAsync("tab closed 300 ms after the last key", TimeSpan.FromSeconds(60), CloseTabTryAsync);
        }
    }

    private static string Duration(int seconds) => seconds >= 60 && seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds} s";

    private bool HasTime(TimeSpan needed, string what)
    {
        if (remaining() >= needed)
        {
            return true;
        }
        report.Notes.Add($"skipped for the time limit (--max-minutes {options.MaxMinutes}): {what}");
        return false;
    }

    // ---- bytes --------------------------------------------------------------------------------------------

    private async Task BytesAsync()
    {
        var cold = new List<Transfer>();
        var warm = new List<Transfer>();
        for (var i = 0; i < options.Tries && HasTime(TimeSpan.FromSeconds(60), "bytes"); i++)
        {
            await using var relay = new TcpRelay(portal.Address);
            var context = await NewContextAsync(relay, _storageState);
            try
            {
                cold.Add(await LoadFormAsync(context, relay));
                warm.Add(await LoadFormAsync(context, relay));
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        report.Add("Bytes", "camat form cold: HTTP requests over the network", cold.Select(t => (double)t.Requests), "", "");
        report.Add("Bytes", "camat form cold: HTTP bytes received (headers included)", cold.Select(t => (double)t.HttpBytes), "KB", "");
        report.Add("Bytes", "camat form cold: WebSocket payload received until interactive + 2 s", cold.Select(t => (double)t.WebSocketPayload), "KB", "");
        report.Add("Bytes", "camat form cold: all bytes to the browser on the wire (relay)", cold.Select(t => (double)t.WireBytes), "KB", "<= 200 KB");
        report.Add("Bytes", "camat form warm: HTTP requests over the network", warm.Select(t => (double)t.Requests), "", "");
        report.Add("Bytes", "camat form warm: HTTP requests answered from the cache", warm.Select(t => (double)t.CacheHits), "", "");
        // The "transferred" (its 63 KB before): HTTP responses, as a browser's network panel adds them up.
        report.Add("Bytes", "camat form warm: HTTP bytes received (headers included)", warm.Select(t => (double)t.HttpBytes), "KB", "<= 25 KB");
        report.Add("Bytes", "camat form warm: WebSocket payload received until interactive + 2 s", warm.Select(t => (double)t.WebSocketPayload), "KB", "");
        report.Add("Bytes", "camat form warm: all bytes to the browser on the wire (relay, WebSocket included)", warm.Select(t => (double)t.WireBytes), "KB", "");
    }

    private sealed record Transfer(int Requests, long HttpBytes, int CacheHits, long WebSocketPayload, long WireBytes);

    /// <summary>Opens the form in a new tab of the context (cache shared) and counts until interactive + 2 s of quiet.</summary>
    private async Task<Transfer> LoadFormAsync(IBrowserContext context, TcpRelay relay)
    {
        var page = await context.NewPageAsync();
        var probe = await PageProbe.AttachAsync(page, NetworkProfile.Unthrottled);
        var wire = relay.BytesToClient;
        await page.GotoAsync(data.FormPath);
        await WaitInteractiveAsync(page, TimeSpan.FromSeconds(60));
        await page.WaitForTimeoutAsync(2000);
        var c = probe.Snapshot();
        var result = new Transfer(c.Requests, c.HttpBytes, c.CacheHits, c.PayloadReceived, relay.BytesToClient - wire);
        if (probe.WebSocketExtensions is { } extensions)
        {
            report.Facts["WebSocket extensions negotiated"] = extensions;
        }
        else
        {
            report.Facts.TryAdd("WebSocket extensions negotiated", "none (no WebSocket compression)");
        }
        await page.CloseAsync();
        return result;
    }

    // ---- timings ------------------------------------------------------------------------------------------

    private async Task TimingsAsync()
    {
        var signIn = new List<double>();
        for (var i = 0; i < options.Tries && HasTime(TimeSpan.FromSeconds(150), "sign-in timing"); i++)
        {
            await using var relay = new TcpRelay(portal.Address);
            var context = await NewContextAsync(relay, storageState: null);
            try
            {
                var page = await context.NewPageAsync();
                await PageProbe.AttachAsync(page, NetworkProfile.Fast3GCpu4);
                await page.GotoAsync($"/masuk?ReturnUrl={Uri.EscapeDataString(data.FormPath)}", new() { Timeout = 120_000 });
                await page.GetByLabel("Nama pengguna").FillAsync("camat.malili");
                await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(FieldBenchmark.DemoPassword);
                var clock = Stopwatch.StartNew();
                await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync(new() { Timeout = 120_000 });
                await page.WaitForURLAsync($"**{data.FormPath}", new() { Timeout = 120_000, WaitUntil = WaitUntilState.Commit });
                await WaitInteractiveAsync(page, TimeSpan.FromSeconds(120));
                signIn.Add(clock.Elapsed.TotalMilliseconds);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        report.Add("Timings", "Fast 3G + CPU 4x, cold: sign-in submit to interactive camat form", signIn, "s", "<= 5 s");

        var coldInput = new List<double>();
        var coldKept = new List<double>();
        var coldInteractive = new List<double>();
        var warmInput = new List<double>();
        var warmKept = new List<double>();
        var warmInteractive = new List<double>();
        for (var i = 0; i < options.Tries && HasTime(TimeSpan.FromSeconds(240), "Slow 3G timing"); i++)
        {
            await using var relay = new TcpRelay(portal.Address);
            var context = await NewContextAsync(relay, _storageState);
            try
            {
                var (input, kept, interactive) = await NavigateAsync(context, NetworkProfile.Slow3G);
                coldInput.Add(input);
                coldKept.Add(kept);
                coldInteractive.Add(interactive);
                (input, kept, interactive) = await NavigateAsync(context, NetworkProfile.Slow3G);
                warmInput.Add(input);
                warmKept.Add(kept);
                warmInteractive.Add(interactive);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        report.Add("Timings", "Slow 3G, cold: navigation to a field present", coldInput, "s", "");
        report.Add("Timings", "Slow 3G, cold: navigation to a field whose typing is kept (journal live)", coldKept, "s", "<= 10 s");
        report.Add("Timings", "Slow 3G, cold: navigation to interactive (circuit live)", coldInteractive, "s", "");
        report.Add("Timings", "Slow 3G, warm: navigation to a field present", warmInput, "s", "");
        report.Add("Timings", "Slow 3G, warm: navigation to a field whose typing is kept (journal live)", warmKept, "s", "<= 10 s");
        report.Add("Timings", "Slow 3G, warm: navigation to interactive (circuit live)", warmInteractive, "s", "");
    }

    private async Task<(double Input, double Kept, double Interactive)> NavigateAsync(IBrowserContext context, NetworkProfile network)
    {
        var page = await context.NewPageAsync();
        await PageProbe.AttachAsync(page, network);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(data.FormPath, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.Locator("section[data-testid=village-card] input").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        var input = clock.Elapsed.TotalMilliseconds;
        // From here what is typed reaches the edit journal (journal.js also takes what was typed into the field before
        // it ran), which keeps it until the server has it: the field accepts typing without loss.
        await page.WaitForFunctionAsync("() => !!window.tppsJournal && !!document.querySelector('[data-jpage] [data-jf]')", null,
            new() { Timeout = 120_000, PollingInterval = 20 });
        var kept = clock.Elapsed.TotalMilliseconds;
        await WaitInteractiveAsync(page, TimeSpan.FromSeconds(120));
        var interactive = clock.Elapsed.TotalMilliseconds;
        await page.CloseAsync();
        return (input, kept, interactive);
    }

    // ---- keystrokes ---------------------------------------------------------------------------------------

    private async Task KeystrokesAsync()
    {
        var received = new List<double>();
        var frames = new List<double>();
        var sent = new List<double>();
        var wire = new List<double>();
        for (var i = 0; i < options.Tries && HasTime(TimeSpan.FromSeconds(60), "keystrokes"); i++)
        {
            await using var relay = new TcpRelay(portal.Address);
            var context = await NewContextAsync(relay, _storageState);
            try
            {
                var page = await context.NewPageAsync();
                var probe = await PageProbe.AttachAsync(page, NetworkProfile.Unthrottled);
                await page.GotoAsync(data.FormPath);
                await WaitInteractiveAsync(page, TimeSpan.FromSeconds(60));
                await page.WaitForTimeoutAsync(2000);
                var field = Village(page, data.Villages[i % data.Villages.Count].Name).GetByLabel(Labels[0], new() { Exact = true });
                await field.ClickAsync();
                await field.PressAsync("Control+A");
                await page.WaitForTimeoutAsync(500);
                var before = probe.Snapshot();
                var wireBefore = relay.BytesToClient;
                await field.PressSequentiallyAsync("1234567890", new() { Delay = 250 });
                await page.WaitForTimeoutAsync(3000); // the debounced save and its answer
                var after = probe.Snapshot();
                received.Add((after.PayloadReceived - before.PayloadReceived) / 10.0);
                frames.Add((after.FramesReceived - before.FramesReceived) / 10.0);
                sent.Add((after.PayloadSent - before.PayloadSent) / 10.0);
                wire.Add((relay.BytesToClient - wireBefore) / 10.0);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        report.Add("Keystrokes", "per keystroke: WebSocket frames to the browser", frames, "", "");
        report.Add("Keystrokes", "per keystroke: WebSocket payload to the browser (uncompressed, CDP)", received, "B", "");
        report.Add("Keystrokes", "per keystroke: bytes to the browser on the wire (relay)", wire, "B", "");
        report.Add("Keystrokes", "per keystroke: WebSocket payload from the browser (uncompressed, CDP)", sent, "B", "");
    }

    // ---- values lost --------------------------------------------------------------------------------------

    /// <summary>What one try typed, and what the database and the page said about it.</summary>
    public sealed record TryResult(int Typed, int Lost, int FalseSaved, bool ReloadedByHarness, string? Error = null)
    {
        /// <summary>Seconds from the network coming back until every value was in the database (none if one never was).</summary>
        public double? ArrivalSeconds { get; init; }

        /// <summary>Values still in the page's journal (typed, not acknowledged) when the try ended.</summary>
        public int JournalLeft { get; init; }
    }

    /// <summary>
    /// How long the database is watched for the typed values once the page is live again. Long enough for a page that
    /// has to reload (its session forgotten) over a slow link; a value that arrives later than this counts as lost.
    /// </summary>
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(90);

    private sealed record Typed(string VillageCode, Figure Figure, int Value);

    private async Task LossAsync(string name, TimeSpan perRound, Func<int, Task<TryResult>> attempt, int? parallel = null)
    {
        var slots = Math.Min(parallel ?? options.Parallel, data.Villages.Count);
        var results = new List<TryResult>();
        var done = 0;
        while (done < options.Tries)
        {
            if (!HasTime(perRound, $"{name} (after {done} of {options.Tries} tries)"))
            {
                break;
            }
            var batch = Math.Min(slots, options.Tries - done);
            var tries = Enumerable.Range(0, batch).Select(slot => GuardAsync(() => attempt(slot), perRound + TimeSpan.FromSeconds(60)));
            results.AddRange(await Task.WhenAll(tries));
            done += batch;
        }
        report.AddLoss(name, results);
    }

    private static async Task<TryResult> GuardAsync(Func<Task<TryResult>> attempt, TimeSpan limit)
    {
        try
        {
            return await attempt().WaitAsync(limit);
        }
        catch (Exception ex)
        {
            return new TryResult(0, 0, 0, false, $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private async Task<(IBrowserContext Context, IPage Page, PageProbe Probe)> OpenFormAsync(TcpRelay relay, NetworkProfile network)
    {
        var context = await NewContextAsync(relay, _storageState);
        var page = await context.NewPageAsync();
        var probe = await PageProbe.AttachAsync(page, network);
        await page.GotoAsync(data.FormPath, new() { Timeout = 60_000 });
        await WaitInteractiveAsync(page, TimeSpan.FromSeconds(60));
        return (context, page, probe);
    }

    private async Task<Typed> TypeAsync(IPage page, int slot, int field, int keyDelay = 60)
    {
        var (code, name) = data.Villages[slot];
        var figure = Figures[field];
        var stored = await data.StoredAsync(code, figure);
        int value;
        lock (_random)
        {
            do
            {
                value = _random.Next(100, 9999);
            }
            while (value == stored);
        }
        var input = Village(page, name).GetByLabel(Labels[field], new() { Exact = true });
        // Focus, not a tap: during an outage the reconnect dialog covers the page and would swallow a tap; the
        // keys go to the focused field as they would from a phone's keyboard that was already open.
        await input.FocusAsync(new() { Timeout = 30_000 });
        await input.PressAsync("Control+A");
        await input.PressSequentiallyAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Delay = keyDelay });
        return new Typed(code, figure, value);
    }

    /// <summary>
    /// Values not in the database; and whether the village's card says "Tersimpan" while one is missing. The card is
    /// read first and the database after: a save landing in between would otherwise count as a false "Tersimpan"
    /// (the database only gains values, so a value missing after the card was read was missing when it was read).
    /// </summary>
    private async Task<(int Lost, bool FalseSaved)> CheckAsync(IPage? page, int slot, IReadOnlyList<Typed> typed)
    {
        var shown = "";
        if (page is { IsClosed: false })
        {
            var state = Village(page, data.Villages[slot].Name).GetByTestId("save-state");
            shown = await state.CountAsync() > 0 ? await state.InnerTextAsync(new() { Timeout = 5_000 }) : "";
        }
        var lost = 0;
        foreach (var t in typed)
        {
            if (await data.StoredAsync(t.VillageCode, t.Figure) != t.Value)
            {
                lost++;
            }
        }
        return (lost, lost > 0 && shown.Contains("Tersimpan", StringComparison.Ordinal));
    }

    /// <summary>Waits until the database has every typed value (or the time is up), then checks.</summary>
    private async Task<(int Lost, bool FalseSaved)> SettleAsync(IPage? page, int slot, IReadOnlyList<Typed> typed, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < wait)
        {
            var (lost, _) = await CheckAsync(null, slot, typed);
            if (lost == 0)
            {
                break;
            }
            await Task.Delay(500);
        }
        return await CheckAsync(page, slot, typed);
    }

    /// <summary>
    /// After the network is back: waits for the page to be live again (a new WebSocket that stays open, no reconnect
    /// dialog showing, the layout's interactive marker); if that does not happen within the limit, reloads the page
    /// as a person would. Returns whether the harness had to reload.
    /// </summary>
    private static async Task<bool> RecoverAsync(IPage page, PageProbe probe, int handshakesBefore, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await IsLiveAsync(page, probe, handshakesBefore))
            {
                await Task.Delay(1000);
                if (await IsLiveAsync(page, probe, handshakesBefore))
                {
                    return false;
                }
            }
            await Task.Delay(250);
        }
        await page.ReloadAsync(new() { Timeout = 60_000 });
        await WaitInteractiveAsync(page, TimeSpan.FromSeconds(60));
        return true;
    }

    private static async Task<bool> IsLiveAsync(IPage page, PageProbe probe, int handshakesBefore)
    {
        if (probe.Snapshot().Handshakes <= handshakesBefore || probe.OpenSockets == 0)
        {
            return false;
        }
        var dialog = page.Locator("#components-reconnect-modal");
        if (await dialog.CountAsync() > 0 && await dialog.First.IsVisibleAsync())
        {
            return false;
        }
        return await page.Locator("[data-interactive=true]").CountAsync() > 0;
    }

    private async Task<TryResult> OutageTryAsync(int slot, TimeSpan outage)
    {
        await using var relay = new TcpRelay(portal.Address);
        var (context, page, probe) = await OpenFormAsync(relay, NetworkProfile.Unthrottled);
        var console = RecordConsole(page);
        try
        {
            // One value typed just before the connection drops (sent or not, the save has not happened yet), one while it is down.
            var typed = new List<Typed> { await TypeAsync(page, slot, 0) };
            relay.Cut();
            var cut = Stopwatch.StartNew();
            typed.Add(await TypeAsync(page, slot, 1));
            var handshakes = probe.Snapshot().Handshakes;
            var rest = outage - cut.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
            var (_, falseDuring) = await CheckAsync(page, slot, typed);
            relay.Restore();
            var back = Stopwatch.StartNew();
            var reloaded = await RecoverAsync(page, probe, handshakes, TimeSpan.FromSeconds(60));
            var (lost, falseAfter) = await SettleAsync(page, slot, typed, SettleWindow);
            var left = await JournalLeftAsync(page);
            if (lost > 0)
            {
                await DumpAsync(page, console, $"outage-{outage.TotalSeconds:0}s-slot{slot}", typed, left);
            }
            return new TryResult(typed.Count, lost, (falseDuring ? 1 : 0) + (falseAfter ? 1 : 0), reloaded)
            {
                ArrivalSeconds = lost == 0 ? back.Elapsed.TotalSeconds : null,
                JournalLeft = left,
            };
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task RestartAsync()
    {
        const string name = "portal restarted while values are unsent";
        var results = new List<TryResult>();
        var slots = Math.Min(options.Parallel, data.Villages.Count);
        var done = 0;
        while (done < options.Tries && HasTime(TimeSpan.FromMinutes(4), $"{name} (after {done} of {options.Tries} tries)"))
        {
            var batch = Math.Min(slots, options.Tries - done);
            var relays = new List<TcpRelay>();
            var pages = new List<(IBrowserContext Context, IPage Page, PageProbe Probe)>();
            try
            {
                for (var slot = 0; slot < batch; slot++)
                {
                    var relay = new TcpRelay(portal.Address);
                    relays.Add(relay);
                    pages.Add(await OpenFormAsync(relay, NetworkProfile.Unthrottled));
                }
                // Typed, then the portal stops at once (as a deploy would), another value while it is down.
                var typed = (await Task.WhenAll(pages.Select((p, slot) => TypeAsync(p.Page, slot, 0)))).Select(t => new List<Typed> { t }).ToList();
                var stopping = portal.StopAsync(TimeSpan.FromSeconds(30));
                var during = await Task.WhenAll(pages.Select((p, slot) => TypeAsync(p.Page, slot, 1)));
                await stopping;
                for (var slot = 0; slot < batch; slot++)
                {
                    typed[slot].Add(during[slot]);
                }
                var handshakes = pages.Select(p => p.Probe.Snapshot().Handshakes).ToList();
                await portal.StartAsync(TimeSpan.FromMinutes(3));
                var outcomes = await Task.WhenAll(Enumerable.Range(0, batch).Select(slot => GuardAsync(async () =>
                {
                    var (_, page, probe) = pages[slot];
                    var reloaded = await RecoverAsync(page, probe, handshakes[slot], TimeSpan.FromSeconds(60));
                    var (lost, falseSaved) = await SettleAsync(page, slot, typed[slot], TimeSpan.FromSeconds(20));
                    return new TryResult(typed[slot].Count, lost, falseSaved ? 1 : 0, reloaded);
                }, TimeSpan.FromMinutes(3))));
                results.AddRange(outcomes);
            }
            catch (Exception ex)
            {
                results.Add(new TryResult(0, 0, 0, false, $"{ex.GetType().Name}: {FirstLine(ex.Message)}"));
                break;
            }
            finally
            {
                if (!portal.IsRunning)
                {
                    await portal.StartAsync(TimeSpan.FromMinutes(3)); // the scenarios after this one need it
                }
                foreach (var (context, _, _) in pages)
                {
                    await context.CloseAsync();
                }
                foreach (var relay in relays)
                {
                    await relay.DisposeAsync();
                }
            }
            done += batch;
        }
        report.AddLoss(name, results);
    }

    private async Task<TryResult> BeforeInteractiveTryAsync(int slot)
    {
        await using var relay = new TcpRelay(portal.Address);
        var context = await NewContextAsync(relay, _storageState);
        try
        {
            var page = await context.NewPageAsync();
            await PageProbe.AttachAsync(page, NetworkProfile.Fast3GCpu4);
            await page.GotoAsync(data.FormPath, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
            var (code, name) = data.Villages[slot];
            await Village(page, name).GetByLabel(Labels[0], new() { Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            var typed = new List<Typed> { await TypeAsync(page, slot, 0, keyDelay: 30) };
            var wasInteractive = await page.Locator("[data-interactive=true]").CountAsync() > 0;
            await WaitInteractiveAsync(page, TimeSpan.FromSeconds(120));
            var (lost, falseSaved) = await SettleAsync(page, slot, typed, TimeSpan.FromSeconds(20));
            return new TryResult(typed.Count, lost, falseSaved ? 1 : 0, false, wasInteractive ? "interactive before the last key (not a try of this case)" : null);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<TryResult> CloseTabTryAsync(int slot)
    {
        await using var relay = new TcpRelay(portal.Address);
        var (context, page, _) = await OpenFormAsync(relay, NetworkProfile.Unthrottled);
        try
        {
            var typed = new List<Typed> { await TypeAsync(page, slot, 0) };
            await page.WaitForTimeoutAsync(300);
            var (_, falseSaved) = await CheckAsync(page, slot, typed);
            await page.CloseAsync();
            var (lost, _) = await SettleAsync(null, slot, typed, TimeSpan.FromSeconds(20));
            // A value the server never got may still be in this browser's journal, to be sent at the next visit:
            // read it from a page of the same origin that runs no script of the portal.
            var left = 0;
            if (lost > 0)
            {
                var probe = await context.NewPageAsync();
                await probe.GotoAsync("health/live");
                left = await JournalLeftAsync(probe);
            }
            return new TryResult(typed.Count, lost, falseSaved ? 1 : 0, false) { JournalLeft = left };
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /// <summary>The page's console and navigations, timestamped, kept to explain a lost value.</summary>
    private static List<string> RecordConsole(IPage page)
    {
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        void Add(string line)
        {
            lock (lines)
            {
                lines.Add($"{clock.Elapsed.TotalSeconds,8:0.0}s {line}");
            }
        }
        page.Console += (_, m) => Add($"console.{m.Type}: {m.Text}");
        page.FrameNavigated += (_, f) =>
        {
            if (f.ParentFrame is null)
            {
                Add($"navigated: {f.Url}");
            }
        };
        return lines;
    }

    private static async Task<int> JournalLeftAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<int>("() => JSON.parse(localStorage.getItem('tpps.journal.v1') || '[]').length");
        }
        catch (PlaywrightException)
        {
            return -1;
        }
    }

    private async Task DumpAsync(IPage page, List<string> console, string name, IReadOnlyList<Typed> typed, int left)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tpps-field-{name}-{DateTime.UtcNow:HHmmss}.log");
        var lines = new List<string>();
        foreach (var t in typed)
        {
            lines.Add($"typed {t.VillageCode} {t.Figure} = {t.Value}, stored {await data.StoredAsync(t.VillageCode, t.Figure)}");
        }
        lines.Add($"journal entries left: {left}");
        try
        {
            lines.Add("journal: " + await page.EvaluateAsync<string>("() => localStorage.getItem('tpps.journal.v1') || ''"));
        }
        catch (PlaywrightException ex)
        {
            lines.Add("journal unreadable: " + FirstLine(ex.Message));
        }
        lock (console)
        {
            lines.AddRange(console);
        }
        await File.WriteAllLinesAsync(path, lines);
        report.Notes.Add($"{name}: value lost, log in {path}");
    }

    private Task<IBrowserContext> NewContextAsync(TcpRelay relay, string? storageState) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = relay.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
            StorageState = storageState,
        });

    private static ILocator Village(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    private static Task WaitInteractiveAsync(IPage page, TimeSpan timeout) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = (float)timeout.TotalMilliseconds });
}
