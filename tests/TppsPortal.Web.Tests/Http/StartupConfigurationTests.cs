using System.Diagnostics;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>The portal as an operator starts it: a process with environment variables.</summary>
public sealed class StartupConfigurationTests
{
    private static readonly string PortalDll = Path.Combine(AppContext.BaseDirectory, "TppsPortal.Web.dll");

    [Fact]
    public async Task Start_InProductionWithoutConnectionString_RefusesAndSaysWhy()
    {
        var (exitCode, output) = await RunPortalAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Tpps"] = "",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("No database connection string", output);
        Assert.Contains("ConnectionStrings__Tpps", output);
    }

    [Fact]
    public async Task CreateAdminVerb_OnAFreshDatabase_CreatesTheFirstAdministratorAndRefusesAWeakPassword()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            var env = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Tpps"] = database.ConnectionString,
            };

            var weak = await RunPortalAsync(env, "create-admin", "--user", "kepala.it", "--name", "Kepala IT", "--password", "lemah");
            var strong = await RunPortalAsync(env, "create-admin", "--user", "kepala.it", "--name", "Kepala IT", "--password", "SandiKuat2025");

            Assert.Equal(1, weak.ExitCode);
            Assert.Contains("minimal 10 karakter", weak.Output);
            Assert.Equal(0, strong.ExitCode);
            await using var db = database.CreateContext();
            var admin = Assert.Single(db.Users.Where(u => u.UserName == "kepala.it"));
            Assert.Equal(TppsPortal.Accounts.Role.AdminSistem, admin.Role);
            Assert.Empty(db.Regions); // no demo data outside demo mode
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunPortalAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(PortalDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["Serilog__WriteTo__1__Name"] = "Console"; // no log files from tests
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
