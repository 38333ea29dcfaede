using TppsPortal.Benchmarks;

// dotnet run -c Release --project benchmarks/TppsPortal.Benchmarks -- minutes
var which = args.FirstOrDefault() ?? "help";
switch (which)
{
    case "minutes":
        await MinutesBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "dashboard":
        await DashboardBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "camat-form":
        await CamatFormBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    default:
        Console.WriteLine("usage: TppsPortal.Benchmarks minutes [--iterations N] [--skia-only] | camat-form [--iterations N] | dashboard [--iterations N] [--keep] [--reuse DB]");
        return 64;
}
