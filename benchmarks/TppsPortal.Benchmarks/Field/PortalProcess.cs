using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TppsPortal.Benchmarks.Field;

/// <summary>
/// The published portal (TppsPortal.Web.dll) as a child process in Production mode on a loopback port, over the
/// benchmark's database, in demo mode (it migrates and seeds on start). Restartable on the same port. The field
/// benchmark cuts and restarts it; the load benchmark reads its memory and CPU.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly string _connectionString;
    private readonly string _workDir;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    /// <param name="environment">More settings for the portal (environment variables), e.g. the sign-in limits.</param>
    public PortalProcess(string dll, string connectionString, string workDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        _dll = Path.GetFullPath(dll);
        _connectionString = connectionString;
        _workDir = workDir;
        _environment = environment ?? new Dictionary<string, string>();
        Port = FreePort();
        Address = new Uri($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri Address { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id while it runs (the load benchmark reads its memory and CPU from /proc); 0 otherwise.</summary>
    public int Pid => _process?.Id ?? 0;

    public string LogPath => Path.Combine(_workDir, "portal.out");

    public async Task StartAsync(TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(_dll)!;
        info.Environment["ASPNETCORE_URLS"] = Address.ToString();
        info.Environment["ConnectionStrings__Tpps"] = _connectionString;
        info.Environment["Tpps__DemoMode"] = "true";
        info.Environment["Tpps__MigrateOnStartup"] = "true";
        info.Environment["Tpps__DemoPassword"] = FieldBenchmark.DemoPassword;
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_workDir, "logs", "tpps-.log");
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode}; see {LogPath}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The portal was not ready within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    /// <summary>Stops the portal as systemd or a deploy does (SIGTERM, then SIGKILL after the grace period).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var process = _process;
        _process = null;
        if (process is null || process.HasExited)
        {
            process?.Dispose();
            return;
        }
        _ = kill(process.Id, SigTerm);
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>The portal's resident memory (VmRSS) and its peak (VmHWM), in MiB, from /proc.</summary>
    public (double RssMiB, double PeakMiB) Memory()
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line) / 1024.0;
            }
        }
        return (rss, peak);

        static double Kb(string line) =>
            double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time the portal has used so far (user + system), in seconds.</summary>
    public double CpuSeconds()
    {
        var fields = File.ReadAllText($"/proc/{Pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command: state is field 0, utime field 11, stime field 12 (clock ticks, 100 a second).
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(15)));

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
