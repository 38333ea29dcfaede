using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace TppsPortal.Benchmarks.Load;

/// <summary>
/// One open Blazor Server session without a browser: it loads the page over HTTP with the account's sign-in cookie,
/// opens the circuit over SignalR ("blazorpack") the way blazor.web.js does (StartCircuit, then UpdateRootComponents
/// with the page's prerendered component markers and persisted state), acknowledges every render batch, answers every
/// JS interop call the server makes, and can send what the page's JS sends: the edit journal's ReceiveEdits call (the
/// camat form) and a navigation to a new query string (the dashboard's filters, which navigate).
/// </summary>
public sealed partial class BlazorSession : IAsyncDisposable
{
    private readonly Uri _baseUri;
    private readonly CookieContainer _cookies;
    private HubConnection? _hub;
    private long _callIds;
    private long _jsObjectIds;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _dotNetCalls = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<uint>> _acks = new();
    private readonly object _renderWaitLock = new();
    private (byte[] Needle, TaskCompletionSource<bool> Done)? _renderWait;
    private readonly TaskCompletionSource<bool> _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _circuitSecret;
    private long _lastBatchTicks;

    public BlazorSession(Uri baseUri, CookieContainer cookies)
    {
        _baseUri = baseUri;
        _cookies = cookies;
    }

    /// <summary>The journal's page key and the .NET object the journal calls (the camat form), once attached.</summary>
    public string? JournalPage { get; private set; }

    public long JournalObjectId { get; private set; }

    /// <summary>Each journaled record (village) and the version the page holds, from the attach call.</summary>
    public IReadOnlyDictionary<string, uint> JournalVersions { get; private set; } = new Dictionary<string, uint>();

    public string Path { get; private set; } = "";

    public int RenderBatches;
    public int JsCalls;
    public int Drops;
    public string? Error { get; private set; }

    /// <summary>Identifiers of the JS functions the server asked for, counted (what a real page would run).</summary>
    public static readonly ConcurrentDictionary<string, int> JsIdentifiers = new();

    public bool IsOpen => _hub?.State == HubConnectionState.Connected && Error is null;

    /// <summary>Loads the page and opens its circuit; returns when the circuit has rendered (and, for a journaled form, attached).</summary>
    public async Task OpenAsync(HttpClient http, string path, bool journaled, TimeSpan timeout)
    {
        Path = path;
        using var cts = new CancellationTokenSource(timeout);
        var html = await http.GetStringAsync(path, cts.Token);
        var markers = Markers().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(o => o["type"]?.GetValue<string>() == "server" && o["descriptor"] is not null).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path}: no interactive server component markers in the page (signed in?)");
        }
        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var hubBuilder = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseUri, "/_blazor"), o =>
            {
                o.Cookies = _cookies;
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .WithServerTimeout(TimeSpan.FromMinutes(3))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(15));
        // The last protocol registered is the one the connection speaks.
        hubBuilder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = hubBuilder.Build();
        _hub = hub;
        hub.Closed += ex =>
        {
            Error ??= "closed: " + (ex?.Message ?? "by the server");
            return Task.CompletedTask;
        };
        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatch);
        // .NET 10: (task id, identifier, arguments JSON, result type, target instance, call type: function, constructor, get, set).
        hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJS);
        hub.On<string, bool, string?>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        hub.On<string>("JS.Error", error =>
        {
            Error ??= "JS.Error: " + error;
            _attached.TrySetException(new InvalidOperationException(error));
            _firstRender.TrySetException(new InvalidOperationException(error));
        });
        hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        hub.On<int, bool>("JS.EndLocationChanging", (_, _) => { });

        await hub.StartAsync(cts.Token);
        var pageUri = new Uri(_baseUri, path).ToString();
        _circuitSecret = await hub.InvokeAsync<string>("StartCircuit", _baseUri.ToString(), pageUri, "[]", "", cts.Token);
        if (string.IsNullOrEmpty(_circuitSecret))
        {
            throw new InvalidOperationException($"{path}: StartCircuit answered no circuit ({Error})");
        }
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = markers[i].DeepClone() });
        }
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cts.Token);
        await (journaled ? _attached.Task : _firstRender.Task).WaitAsync(cts.Token);
        // The page settles (MudBlazor's after-render calls, the journal's first answers) before it counts as open.
        await QuietAsync(TimeSpan.FromMilliseconds(300), cts.Token);
    }

    private async Task QuietAsync(TimeSpan quiet, CancellationToken ct)
    {
        while (true)
        {
            var since = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastBatchTicks));
            if (since >= quiet)
            {
                return;
            }
            await Task.Delay(quiet - since, ct);
        }
    }

    private void OnRenderBatch(long batchId, byte[] data)
    {
        Interlocked.Increment(ref RenderBatches);
        Interlocked.Exchange(ref _lastBatchTicks, Stopwatch.GetTimestamp());
        // The browser applies the batch to the DOM and confirms it; the server keeps at most a few unconfirmed.
        _ = _hub?.SendAsync("OnRenderCompleted", batchId, null);
        _firstRender.TrySetResult(true);
        lock (_renderWaitLock)
        {
            if (_renderWait is { } wait && data.AsSpan().IndexOf(wait.Needle) >= 0)
            {
                _renderWait = null;
                wait.Done.TrySetResult(true);
            }
        }
    }

    private void OnBeginInvokeJS(long taskId, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        Interlocked.Increment(ref JsCalls);
        JsIdentifiers.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        var result = "null";
        switch (identifier)
        {
            case "tppsJournal.attach":
            {
                // attach(page, user, ref, versions, autosave): the journal holds nothing unsent.
                var args = JsonNode.Parse(argsJson)!.AsArray();
                JournalPage = args[0]!.GetValue<string>();
                JournalObjectId = args[2]!["__dotNetObject"]!.GetValue<long>();
                JournalVersions = args[3]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<uint>());
                result = "[]";
                _attached.TrySetResult(true);
                break;
            }
            case "tppsJournal.ack":
            {
                // ack(page, rec, id, from, to): the server stored that edit.
                var args = JsonNode.Parse(argsJson)!.AsArray();
                var id = Guid.Parse(args[2]!.GetValue<string>());
                if (_acks.TryRemove(id, out var done))
                {
                    done.TrySetResult(args[4]!.GetValue<uint>());
                }
                break;
            }
            case "tppsJournal.drop":
            {
                var args = JsonNode.Parse(argsJson)!.AsArray();
                foreach (var id in args[1]!.AsArray())
                {
                    if (_acks.TryRemove(Guid.Parse(id!.GetValue<string>()), out var done))
                    {
                        Interlocked.Increment(ref Drops);
                        done.TrySetException(new InvalidOperationException("dropped (conflict or not a field)"));
                    }
                }
                break;
            }
            case "tppsJournal.pending":
                result = "[]";
                break;
        }
        if (resultType == 1)
        {
            // A JS object reference (a module or an instance MudBlazor keeps): any id the page would give.
            result = $"{{\"__jsObjectId\":{Interlocked.Increment(ref _jsObjectIds)}}}";
        }
        if (taskId != 0)
        {
            _ = _hub?.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{result}]");
        }
    }

    private void OnEndInvokeDotNet(string callId, bool success, string? result)
    {
        if (_dotNetCalls.TryRemove(callId, out var done))
        {
            if (success)
            {
                done.TrySetResult(true);
            }
            else
            {
                done.TrySetException(new InvalidOperationException(result ?? "failed"));
            }
        }
    }

    /// <summary>
    /// What journal.js sends for one keystroke: ReceiveEdits with the one edit, on the record's version.
    /// Returns when the call completed (the server took the edit) and when the server acknowledged it as stored.
    /// </summary>
    public async Task<(double ReceivedMs, double SavedMs, uint VersionAfter)> TypeAsync(string rec, string field, string value, uint? typedOn, TimeSpan timeout)
    {
        var id = Guid.NewGuid();
        var edit = new JsonObject
        {
            ["id"] = id.ToString(),
            ["seq"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + (Interlocked.Increment(ref _callIds) % 1000),
            ["rec"] = rec,
            ["field"] = field,
            ["value"] = value,
            ["base"] = typedOn,
            ["prev"] = new JsonArray(),
        };
        var callId = Interlocked.Increment(ref _callIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var received = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var saved = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
        _dotNetCalls[callId] = received;
        _acks[id] = saved;
        var clock = Stopwatch.StartNew();
        await _hub!.SendAsync("BeginInvokeDotNetFromJS", callId, null, "ReceiveEdits", JournalObjectId, new JsonArray(new JsonArray(edit)).ToJsonString());
        await received.Task.WaitAsync(timeout);
        var receivedMs = clock.Elapsed.TotalMilliseconds;
        try
        {
            var version = await saved.Task.WaitAsync(timeout);
            return (receivedMs, clock.Elapsed.TotalMilliseconds, version);
        }
        finally
        {
            _acks.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// What the browser sends after the dashboard navigates to a new filter (a MudSelect's choice or a link both end in
    /// a client-side navigation): OnLocationChanged. Returns the time until a render batch carrying <paramref name="expect"/>.
    /// </summary>
    public async Task<double> NavigateAsync(string path, string expect, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_renderWaitLock)
        {
            _renderWait = (Encoding.UTF8.GetBytes(expect), done);
        }
        var clock = Stopwatch.StartNew();
        await _hub!.SendAsync("OnLocationChanged", new Uri(_baseUri, path).ToString(), null, true);
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        finally
        {
            lock (_renderWaitLock)
            {
                _renderWait = null;
            }
        }
        Path = path;
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Ends the circuit at once, as blazor.web.js does when the tab closes (POST /_blazor/disconnect).</summary>
    public async Task CloseAsync(HttpClient http)
    {
        if (_circuitSecret is { } secret)
        {
            try
            {
                using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = secret });
                using var _ = await http.PostAsync("/_blazor/disconnect", content);
            }
            catch (HttpRequestException)
            {
            }
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is { } hub)
        {
            _hub = null;
            await hub.DisposeAsync();
        }
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}
