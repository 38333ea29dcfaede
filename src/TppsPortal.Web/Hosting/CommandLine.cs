using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Web.Hosting;

/// <summary>
/// The portal's command-line verbs, run instead of the web server:
/// <c>migrate</c>, <c>seed-demo</c>, <c>import-regions FILE [--prefix 73.24]</c>,
/// <c>create-admin --user NAME --name "FULL NAME" --password PASSWORD</c>.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "import-regions", "create-admin", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(app),
                "seed-demo" => await SeedDemoAsync(app),
                "import-regions" => await ImportRegionsAsync(app, args[1..]),
                "create-admin" => await CreateAdminAsync(app, args[1..]),
                _ => Help(),
            };
        }
        catch (Npgsql.NpgsqlException ex)
        {
            Console.Error.WriteLine($"Database error: {ex.Message}");
            return 3;
        }
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        await PortalSetup.MigrateAsync(app.Services);
        Console.WriteLine("Migrations applied.");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options.DemoPassword);
        Console.WriteLine("Demo data seeded (existing data kept).");
        return 0;
    }

    private static async Task<int> ImportRegionsAsync(WebApplication app, string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var prefix = Option(args, "--prefix");
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine("Usage: import-regions FILE.csv [--prefix 73.24]   (file: kode,nama)");
            return 64;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegionImporter>();
        var system = new Actor("cli", "command-line", Role.AdminSistem, null, null);
        await using var stream = File.OpenRead(file);
        var progress = new Progress<RegionImportProgress>(p => Console.WriteLine(p.Message));
        var result = await importer.ImportAsync(system, stream, prefix, progress);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"Import rejected, nothing changed. {result.ErrorCount} error(s):");
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"  line {error.Line}: {error.Message}");
            }
            return 1;
        }
        Console.WriteLine($"Imported {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:0.00} s: {result.Added:N0} added, " +
                          $"{result.Updated:N0} renamed, {result.Unchanged:N0} unchanged" +
                          (result.SkippedOutsidePrefix > 0 ? $", {result.SkippedOutsidePrefix:N0} outside {prefix} skipped." : "."));
        return 0;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var user = Option(args, "--user");
        var name = Option(args, "--name") ?? user;
        var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("TPPS_ADMIN_PASSWORD");
        if (user is null || password is null)
        {
            Console.Error.WriteLine("Usage: create-admin --user NAME --name \"FULL NAME\" --password PASSWORD  (or TPPS_ADMIN_PASSWORD)");
            return 64;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserService>().CreateSystemAdminAsync(user, name!, password);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"Not created: {result.Summary}");
            return 1;
        }
        Console.WriteLine($"Admin Sistem '{user}' created.");
        return 0;
    }

    private static int Help()
    {
        Console.WriteLine("""
            TppsPortal.Web [VERB]
              (no verb)                 run the portal
              migrate                   apply database migrations
              seed-demo                 add the demo data (idempotent; keeps what people entered)
              import-regions FILE [--prefix 73.24]
                                        import the Kepmendagri list (kode,nama CSV), all-or-nothing
              create-admin --user NAME --name "FULL NAME" --password PASSWORD
                                        create the first Admin Sistem
            """);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
