using System.Text.Json;
using Microsoft.Playwright;

namespace TppsPortal.Benchmarks.Field;

/// <summary>A network the browser is held to through CDP (Network.emulateNetworkConditions), plus CPU slow-down.</summary>
public sealed record NetworkProfile(string Name, double DownKbit, double UpKbit, double LatencyMs, double CpuSlowdown)
{
    public static readonly NetworkProfile Unthrottled = new("unthrottled", 0, 0, 0, 1);
    public static readonly NetworkProfile Fast3GCpu4 = new("Fast 3G + CPU 4x", 1600, 750, 562, 4);
    public static readonly NetworkProfile Slow3G = new("Slow 3G", 400, 400, 2000, 1);
}

/// <summary>
/// One page's view of the network through its own CDP session: HTTP requests and bytes (encodedDataLength, i.e.
/// as received, headers included), WebSocket handshakes and frames. Throttling is applied on attach.
/// </summary>
public sealed class PageProbe
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _fromCache = [];
    private readonly HashSet<string> _openSockets = [];
    private int _requests;
    private long _httpBytes;
    private int _cacheHits;
    private int _framesReceived;
    private long _payloadReceived;
    private int _framesSent;
    private long _payloadSent;
    private int _handshakes;

    private PageProbe(IPage page, ICDPSession cdp)
    {
        Page = page;
        Cdp = cdp;
    }

    public IPage Page { get; }

    public ICDPSession Cdp { get; }

    /// <summary>The Sec-WebSocket-Extensions the portal answered with (e.g. permessage-deflate), if any.</summary>
    public string? WebSocketExtensions { get; private set; }

    public static async Task<PageProbe> AttachAsync(IPage page, NetworkProfile network)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var probe = new PageProbe(page, cdp);
        cdp.Event("Network.requestServedFromCache").OnEvent += (_, e) => probe.OnServedFromCache(e);
        cdp.Event("Network.responseReceived").OnEvent += (_, e) => probe.OnResponse(e);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => probe.OnLoadingFinished(e);
        cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) => probe.OnHandshake(e);
        cdp.Event("Network.webSocketClosed").OnEvent += (_, e) => probe.OnClosed(e);
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => probe.OnFrame(e, received: true);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => probe.OnFrame(e, received: false);
        await cdp.SendAsync("Network.enable");
        if (network.LatencyMs > 0)
        {
            await cdp.SendAsync("Network.emulateNetworkConditions", new()
            {
                ["offline"] = false,
                ["latency"] = network.LatencyMs,
                ["downloadThroughput"] = network.DownKbit * 1000 / 8,
                ["uploadThroughput"] = network.UpKbit * 1000 / 8,
            });
        }
        if (network.CpuSlowdown > 1)
        {
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = network.CpuSlowdown });
        }
        return probe;
    }

    public sealed record Counters(int Requests, long HttpBytes, int CacheHits, int FramesReceived, long PayloadReceived, int FramesSent, long PayloadSent, int Handshakes);

    public Counters Snapshot()
    {
        lock (_gate)
        {
            return new(_requests, _httpBytes, _cacheHits, _framesReceived, _payloadReceived, _framesSent, _payloadSent, _handshakes);
        }
    }

    /// <summary>WebSockets whose handshake succeeded and that have not closed since.</summary>
    public int OpenSockets
    {
        get { lock (_gate) { return _openSockets.Count; } }
    }

    private void OnServedFromCache(JsonElement? e)
    {
        if (e?.GetProperty("requestId").GetString() is { } id)
        {
            lock (_gate)
            {
                _fromCache.Add(id);
                _cacheHits++;
            }
        }
    }

    /// <summary>Disk cache hits (requestServedFromCache reports the memory cache only).</summary>
    private void OnResponse(JsonElement? e)
    {
        if (e is { } json && json.GetProperty("response").TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean()
            && json.GetProperty("requestId").GetString() is { } id)
        {
            lock (_gate)
            {
                if (_fromCache.Add(id))
                {
                    _cacheHits++;
                }
            }
        }
    }

    private void OnLoadingFinished(JsonElement? e)
    {
        if (e is not { } json)
        {
            return;
        }
        var id = json.GetProperty("requestId").GetString() ?? "";
        var bytes = json.TryGetProperty("encodedDataLength", out var length) ? (long)length.GetDouble() : 0;
        lock (_gate)
        {
            if (_fromCache.Remove(id))
            {
                return;
            }
            _requests++;
            _httpBytes += bytes;
        }
    }

    private void OnHandshake(JsonElement? e)
    {
        if (e is not { } json)
        {
            return;
        }
        var response = json.GetProperty("response");
        if (response.GetProperty("status").GetInt32() != 101)
        {
            return;
        }
        if (response.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (header.Name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase))
                {
                    WebSocketExtensions = header.Value.GetString();
                }
            }
        }
        lock (_gate)
        {
            _openSockets.Add(json.GetProperty("requestId").GetString() ?? "");
            _handshakes++;
        }
    }

    private void OnClosed(JsonElement? e)
    {
        if (e?.GetProperty("requestId").GetString() is { } id)
        {
            lock (_gate)
            {
                _openSockets.Remove(id);
            }
        }
    }

    private void OnFrame(JsonElement? e, bool received)
    {
        if (e is not { } json)
        {
            return;
        }
        var response = json.GetProperty("response");
        var opcode = response.GetProperty("opcode").GetDouble();
        var data = response.GetProperty("payloadData").GetString() ?? "";
        // Text frames come as text, binary frames (Blazor's MessagePack) as base64. The sizes are after
        // permessage-deflate is undone: what the wire carried is counted by the relay.
        long size = opcode == 2 ? Base64Length(data) : System.Text.Encoding.UTF8.GetByteCount(data);
        lock (_gate)
        {
            if (received)
            {
                _framesReceived++;
                _payloadReceived += size;
            }
            else
            {
                _framesSent++;
                _payloadSent += size;
            }
        }
    }

    private static long Base64Length(string data)
    {
        var padding = data.EndsWith("==", StringComparison.Ordinal) ? 2 : data.EndsWith('=') ? 1 : 0;
        return (data.Length / 4 * 3) - padding;
    }
}
