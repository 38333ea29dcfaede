using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TppsPortal.Testing;

/// <summary>
/// A TCP relay on 127.0.0.1 between a browser and the portal, which a test or a benchmark can cut: every open
/// socket is closed (so an open WebSocket really drops, which Chromium's offline switch does not do), and new
/// connections are refused until <see cref="Restore"/>. The target can change, e.g. to a restarted portal.
/// It can also stand for a slow network or a proxy that blocks WebSockets: a connection whose first request asks for
/// a WebSocket upgrade can be held until released, or refused.
/// Shared by tests/TppsPortal.Web.Tests and benchmarks/TppsPortal.Benchmarks (linked, not copied).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private static readonly byte[] UpgradeHeader = Encoding.ASCII.GetBytes("upgrade: websocket");
    private static readonly byte[] Forbidden =
        Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _pairs = [];
    private readonly Task _acceptLoop;
    private bool _cut;
    private TaskCompletionSource _webSocketsReleased = Released();
    private long _bytesToClient;
    private long _bytesToServer;

    public TcpRelay(Uri target)
    {
        Target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Where browsers connect, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; }

    /// <summary>The portal the relay forwards to; change it to follow a restarted portal on another port.</summary>
    public Uri Target { get; set; }

    /// <summary>Bytes relayed from the portal to the browser so far (HTTP and WebSocket, as on the wire).</summary>
    public long BytesToClient => Interlocked.Read(ref _bytesToClient);

    /// <summary>Bytes relayed from the browser to the portal so far.</summary>
    public long BytesToServer => Interlocked.Read(ref _bytesToServer);

    public bool IsCut
    {
        get { lock (_gate) { return _cut; } }
    }

    /// <summary>Connections currently relayed (a Blazor page holds one WebSocket).</summary>
    public int OpenConnections
    {
        get { lock (_gate) { return _pairs.Count; } }
    }

    /// <summary>Closes every open connection (reset, not a polite close) and refuses new ones until restored.</summary>
    public void Cut()
    {
        List<(TcpClient, TcpClient)> pairs;
        lock (_gate)
        {
            _cut = true;
            pairs = [.. _pairs];
            _pairs.Clear();
        }
        foreach (var (client, server) in pairs)
        {
            Close(client);
            Close(server);
        }
    }

    /// <summary>
    /// What the portal sends is read and thrown away while this is set (what the browser sends still passes): a link that
    /// died in one direction, so that the server gets and stores a value whose answer never arrives. Cleared by
    /// <see cref="Restore"/>.
    /// </summary>
    public bool DropAnswers
    {
        get => Volatile.Read(ref _dropAnswers);
        set => Volatile.Write(ref _dropAnswers, value);
    }

    private bool _dropAnswers;

    /// <summary>Refuse every WebSocket upgrade with 403, as a proxy that blocks WebSockets does (plain HTTP passes).</summary>
    public bool RefuseWebSockets { get; set; }

    /// <summary>WebSocket upgrades wait (plain HTTP passes) until <see cref="ReleaseWebSockets"/>; then they pass, or are refused with <see cref="RefuseWebSockets"/>.</summary>
    public void HoldWebSockets()
    {
        lock (_gate)
        {
            if (_webSocketsReleased.Task.IsCompleted)
            {
                _webSocketsReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void ReleaseWebSockets()
    {
        lock (_gate)
        {
            _webSocketsReleased.TrySetResult();
        }
    }

    /// <summary>WebSocket upgrade requests that reached the relay so far (refused and held ones included).</summary>
    public int WebSocketRequests => Volatile.Read(ref _webSocketRequests);

    private int _webSocketRequests;

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
        }
        DropAnswers = false;
    }

    private static void Close(TcpClient socket)
    {
        try
        {
            // Client is null once the pump closed this socket itself (the peer went first).
            if (socket.Client is { } client)
            {
                client.LingerState = new LingerOption(true, 0); // RST: the peer sees the connection die at once
            }
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already gone
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        if (IsCut)
        {
            Close(client);
            return;
        }
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(Target.Host, Target.Port, _stop.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            Close(client);
            server.Dispose();
            return;
        }
        var pair = (client, server);
        lock (_gate)
        {
            if (_cut)
            {
                Close(client);
                Close(server);
                return;
            }
            _pairs.Add(pair);
        }
        client.NoDelay = server.NoDelay = true;
        try
        {
            var up = PumpAsync(client, server, toClient: false);
            var down = PumpAsync(server, client, toClient: true);
            await Task.WhenAny(up, down);
        }
        finally
        {
            lock (_gate)
            {
                _pairs.Remove(pair);
            }
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                if (!toClient && IsWebSocketUpgrade(buffer.AsSpan(0, read)))
                {
                    Interlocked.Increment(ref _webSocketRequests);
                    // Held first: a refusal can then be made to arrive late, while the person is typing.
                    Task released;
                    lock (_gate)
                    {
                        released = _webSocketsReleased.Task;
                    }
                    await released.WaitAsync(_stop.Token);
                    if (RefuseWebSockets)
                    {
                        await from.GetStream().WriteAsync(Forbidden, _stop.Token);
                        return;
                    }
                }
                if (toClient && DropAnswers)
                {
                    continue;
                }
                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (toClient)
                {
                    Interlocked.Add(ref _bytesToClient, read);
                }
                else
                {
                    Interlocked.Add(ref _bytesToServer, read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // the other side went away, or the relay was cut
        }
    }

    /// <summary>An HTTP request head asking for a WebSocket (a browser opens a fresh connection for each).</summary>
    private static bool IsWebSocketUpgrade(ReadOnlySpan<byte> chunk)
    {
        if (!chunk.StartsWith("GET "u8))
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[Math.Min(chunk.Length, 8192)];
        for (var i = 0; i < lower.Length; i++)
        {
            var b = chunk[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }
        return lower.IndexOf(UpgradeHeader) >= 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
