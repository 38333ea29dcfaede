using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace TppsPortal.Benchmarks.Load;

/// <summary>
/// The published portal as a child process (Production mode, demo data, loopback port), as the field benchmark starts
/// it (Field/PortalProcess.cs), with its process id kept: the load benchmark reads the process's memory from /proc.
/// </summary>
public sealed class PortalHost(string dll, string connectionString, string workDir, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private Process? _process;

    public Uri Address { get; } = new($"http://127.0.0.1:{FreePort()}");

    public int Pid => _process?.Id ?? 0;

    public string LogPath => Path.Combine(workDir, "portal.out");

    public async Task StartAsync(TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll)])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(Path.GetFullPath(dll))!;
        info.Environment["ASPNETCORE_URLS"] = Address.ToString();
        info.Environment["ConnectionStrings__Tpps"] = connectionString;
        info.Environment["Tpps__DemoMode"] = "true";
        info.Environment["Tpps__MigrateOnStartup"] = "true";
        info.Environment["Tpps__DemoPassword"] = Field.FieldBenchmark.DemoPassword;
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(workDir, "logs", "tpps-.log");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
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

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
