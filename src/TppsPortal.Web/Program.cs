using Serilog;
using TppsPortal.Notifications;
using TppsPortal.Web.Hosting;

// A plain console logger for start-up failures only. The portal's own logger is made from appsettings by
// AddSerilog and kept out of the static Log.Logger, so that several hosts in one process (the tests) don't
// fight over one global.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortal();
    // Periodic jobs (reminders), clustered on PostgreSQL; off with Notifications:Scheduler:Enabled=false.
    builder.Services.AddTppsScheduler(builder.Configuration);
    var app = builder.Build();

    if (!app.HasConnectionString(out var problem))
    {
        Log.Fatal("{Problem}", problem);
        return 2;
    }

    if (CommandLine.IsCommand(args))
    {
        return await CommandLine.RunAsync(app, args);
    }

    app.UsePortal();
    await app.MigrateIfConfiguredAsync();
    await app.SeedDemoIfConfiguredAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The portal stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
