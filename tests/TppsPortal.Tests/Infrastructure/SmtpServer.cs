using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace TppsPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (package python3-aiosmtpd, installed by scripts/test.sh) run as a
/// process on 127.0.0.1 with its Mailbox handler, which writes every accepted mail into a maildir. It can be stopped
/// and started again on the same port (an outage), and is killed on dispose.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has the Debian package's module (a python3 earlier on PATH may not).</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SmtpServer(int port, string mailDir)
    {
        Port = port;
        MailDir = mailDir;
    }

    public int Port { get; }

    public string MailDir { get; }

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<SmtpServer> StartAsync()
    {
        var mailDir = Path.Combine(Path.GetTempPath(), "tpps-smtp-" + Guid.NewGuid().ToString("N"));
        // Python's Maildir makes new/, cur/ and tmp/ only when it makes the folder itself.
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(mailDir, sub));
        }
        var server = new SmtpServer(FreePort(), mailDir);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and returns when the port accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: install python3-aiosmtpd (scripts/test.sh does).");
        }
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDir })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AcceptsAsync())
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} (is python3-aiosmtpd installed?): {Output}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"aiosmtpd did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s: {Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server; returns when the process is gone (the port then refuses connections).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The mails received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        MailFiles().Select(f => MimeMessage.Load(f.FullName)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> mails are there (the Mailbox handler writes before it answers 250, so this rarely waits).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (MailFiles().Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} mail(s) in {MailDir}, found {MailFiles().Count}.");
            }
            await Task.Delay(50);
        }
        return Messages();
    }

    public void Clear()
    {
        foreach (var file in MailFiles())
        {
            file.Delete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(MailDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover folder in /tmp is harmless.
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private List<FileInfo> MailFiles() =>
        new[] { "new", "cur" }
            .Select(sub => new DirectoryInfo(Path.Combine(MailDir, sub)))
            .Where(d => d.Exists)
            .SelectMany(d => d.GetFiles())
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
