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
    case "dhis2":
        await Dhis2Benchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "api":
        await ApiBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "reminders":
        await RemindersBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "camat-form":
        await CamatFormBenchmark.RunAsync(args.Skip(1).ToArray());
        return 0;
    case "signin":
        return await SignInBenchmark.RunAsync(args.Skip(1).ToArray());
    case "field":
        return await TppsPortal.Benchmarks.Field.FieldBenchmark.RunAsync(args.Skip(1).ToArray());
    case "load":
        return await TppsPortal.Benchmarks.Load.LoadBenchmark.RunAsync(args.Skip(1).ToArray());
    default:
        Console.WriteLine("usage: TppsPortal.Benchmarks minutes [--iterations N] [--warmup N] [--skia-only] [--tiering] | camat-form [--iterations N] | dhis2 [--months 24] [--iterations 50] [--keep] [--reuse DB] | api [--months 60] [--iterations N] [--keep] [--reuse DB] | reminders [--iterations N] [--keep] [--reuse DB] | dashboard [--iterations N] [--keep] [--reuse DB] | field --portal PUBLISHED/TppsPortal.Web.dll [--tries N] [--outages 5,30[,180,600]] [--parallel N] [--parts bytes,timing,keys,loss] [--max-minutes M] | signin --portal PUBLISHED/TppsPortal.Web.dll [--iterations N] | load --portal PUBLISHED/TppsPortal.Web.dll [--sessions 100,500,1000] [--interactions 300] [--settle S] [--hold S] [--env KEY=VALUE]... [--label TEXT]");
        return 64;
}
