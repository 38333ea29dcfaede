using System.Globalization;

namespace TppsPortal.Benchmarks.Field;

/// <summary>The field benchmark's tables, printed as Markdown.</summary>
public sealed class Report
{
    private readonly List<(string Section, string What, IReadOnlyList<double> Values, string Unit, string Target)> _rows = [];
    private readonly List<(string Name, IReadOnlyList<FieldRun.TryResult> Tries)> _losses = [];

    public List<string> Notes { get; } = [];

    public Dictionary<string, string> Facts { get; } = [];

    public void Add(string section, string what, IEnumerable<double> values, string unit, string target) =>
        _rows.Add((section, what, values.ToList(), unit, target));

    public void AddLoss(string name, IReadOnlyList<FieldRun.TryResult> tries) => _losses.Add((name, tries));

    public void Print(TimeSpan elapsed, FieldBenchmark.FieldOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Camat form in the field (issue 11): {Environment.ProcessorCount} cores, load {Load()}, {elapsed.TotalMinutes:0.0} min, tries {options.Tries}");
        Console.WriteLine();
        if (_rows.Count > 0)
        {
            Console.WriteLine("| what | runs | median | min | max | target |");
            Console.WriteLine("|---|---:|---:|---:|---:|---|");
            foreach (var (_, what, values, unit, target) in _rows)
            {
                if (values.Count == 0)
                {
                    Console.WriteLine($"| {what} | 0 | | | | {target} |");
                    continue;
                }
                var sorted = values.Order().ToList();
                Console.WriteLine($"| {what} | {values.Count} | {Format(sorted[sorted.Count / 2], unit)} | {Format(sorted[0], unit)} | {Format(sorted[^1], unit)} | {target} |");
            }
            Console.WriteLine();
        }
        if (_losses.Count > 0)
        {
            Console.WriteLine("| values lost | tries | values typed | lost (not in the database) | of which still in the browser's journal | \"Tersimpan\" shown while not stored | page reloaded by the harness | stored after the network returned (median, max) | tries not counted |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var (name, tries) in _losses)
            {
                var counted = tries.Where(t => t.Error is null).ToList();
                var errors = tries.Where(t => t.Error is not null).GroupBy(t => t.Error).Select(g => $"{g.Count()}x {g.Key}");
                Console.WriteLine(string.Create(c, $"| {name} | {counted.Count} | {counted.Sum(t => t.Typed)} | {counted.Sum(t => t.Lost)} | {counted.Sum(t => Math.Min(t.Lost, t.JournalLeft))} | {counted.Sum(t => t.FalseSaved)} | {counted.Count(t => t.ReloadedByHarness)} | {Arrivals(counted)} | {string.Join("; ", errors)} |"));
            }
            Console.WriteLine();
        }
        foreach (var (fact, value) in Facts)
        {
            Console.WriteLine($"{fact}: {value}");
        }
        foreach (var note in Notes)
        {
            Console.WriteLine($"note: {note}");
        }
    }

    private static string Arrivals(IReadOnlyList<FieldRun.TryResult> tries)
    {
        var seconds = tries.Where(t => t.ArrivalSeconds is not null).Select(t => t.ArrivalSeconds!.Value).Order().ToList();
        return seconds.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{seconds[seconds.Count / 2]:0.0} s, {seconds[^1]:0.0} s");
    }

    private static string Format(double value, string unit) => unit switch
    {
        "KB" => (value / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        "s" => (value / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        "B" => value.ToString("0", CultureInfo.InvariantCulture) + " B",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
