using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TppsPortal.Benchmarks;

/// <summary>Runs an action warm and reports the median and spread of its wall-clock times.</summary>
public static class Stats
{
    /// <param name="CpuMedianMs">
    /// Median CPU time of the measuring thread (Linux): unlike wall-clock time it barely moves when other work
    /// shares the cores. Meaningful only for synchronous actions, which stay on one thread.
    /// </param>
    public sealed record Summary(string Name, int Runs, double MedianMs, double MinMs, double P90Ms, double CpuMedianMs = double.NaN);

    public static async Task<Summary> MeasureAsync(string name, int warmup, int runs, Func<Task> action)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }
        var times = new List<double>(runs);
        var cpu = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var cpuStart = ThreadCpuMs();
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuMs() - cpuStart);
        }
        times.Sort();
        cpu.Sort();
        return new Summary(name, runs, times[runs / 2], times[0], times[(int)Math.Min(runs - 1, Math.Ceiling(runs * 0.9) - 1)], cpu[runs / 2]);
    }

    /// <summary>CPU time used so far by the calling thread, in milliseconds; NaN where not available.</summary>
    public static double ThreadCpuMs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }
        return clock_gettime(ClockThreadCpuTimeId, out var ts) == 0 ? (ts.Seconds * 1000.0) + (ts.Nanoseconds / 1e6) : double.NaN;
    }

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    /// <summary>The value after a named option (<c>--regions FILE</c>), or null.</summary>
    public static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static void Print(IEnumerable<Summary> rows)
    {
        Console.WriteLine("| what | runs | median ms | min ms | p90 ms | thread CPU median ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Name} | {r.Runs} | {r.MedianMs:0.0} | {r.MinMs:0.0} | {r.P90Ms:0.0} | {(double.IsNaN(r.CpuMedianMs) ? "n/a" : r.CpuMedianMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))} |");
        }
    }
}
