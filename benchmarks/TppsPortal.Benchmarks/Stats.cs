using System.Diagnostics;

namespace TppsPortal.Benchmarks;

/// <summary>Runs an action warm and reports the median and spread of its wall-clock times.</summary>
public static class Stats
{
    public sealed record Summary(string Name, int Runs, double MedianMs, double MinMs, double P90Ms);

    public static async Task<Summary> MeasureAsync(string name, int warmup, int runs, Func<Task> action)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Summary(name, runs, times[runs / 2], times[0], times[(int)Math.Min(runs - 1, Math.Ceiling(runs * 0.9) - 1)]);
    }

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    public static void Print(IEnumerable<Summary> rows)
    {
        Console.WriteLine("| what | runs | median ms | min ms | p90 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Name} | {r.Runs} | {r.MedianMs:0.0} | {r.MinMs:0.0} | {r.P90Ms:0.0} |");
        }
    }
}
