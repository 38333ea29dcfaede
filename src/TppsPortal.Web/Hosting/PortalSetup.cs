using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;
using TppsPortal.Data;
using TppsPortal.Web.Account;
using TppsPortal.Web.Api;
using TppsPortal.Web.Components;
using TppsPortal.Web.Endpoints;

namespace TppsPortal.Web.Hosting;

public static class PortalSetup
{
    public const string ConnectionStringName = "Tpps";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services), preserveStaticLogger: true);

        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.Configure<TppsPortal.Meetings.MinutesOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.Configure<SecurityHeadersOptions>(builder.Configuration.GetSection(SecurityHeadersOptions.Section));
        builder.Services.Configure<TppsPortal.Accounts.SignInLimits>(builder.Configuration.GetSection(TppsPortal.Accounts.SignInLimits.Section));
        var proxy = ReverseProxyOptions.From(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(proxy.Apply);
        // No "Server: Kestrel": it tells an attacker what to look up.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Read when the first database context is made, so that the host's final configuration decides.
        builder.Services.AddTppsPortal(sp =>
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName) ?? "");

        // A request with "Authorization: Bearer" is an API client with a token; every other one uses the sign-in cookie.
        var authentication = builder.Services.AddAuthentication(Api.ApiTokenAuthenticationHandler.PolicyScheme);
        authentication.AddIdentityCookies();
        Api.ApiTokenAuthenticationHandler.AddTo(authentication);
        builder.Services.Configure<Api.ApiLimits>(builder.Configuration.GetSection(Api.ApiLimits.Section));
        builder.Services.AddApiDocumentation();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "tpps.auth";
            options.LoginPath = "/masuk";
            options.LogoutPath = "/keluar";
            options.AccessDeniedPath = "/akses-ditolak";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            if (proxy.BehindTlsProxy)
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
            // Sign-out ends the session on the server; /api answers 401/403 as problem details.
            SessionCookieEvents.Configure(options.Events);
        });
        builder.Services.AddAntiforgery(options =>
        {
            if (proxy.BehindTlsProxy)
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSignInRateLimit();
        // A changed role or scope, a deactivation or a password reset ends other sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddAuthorization(options =>
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddHttpContextAccessor();

        // Keys in PostgreSQL: several instances behind a load balancer read each other's cookies.
        builder.Services.AddDataProtection().SetApplicationName("TppsPortal").PersistKeysToDbContext<AppDbContext>();

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        builder.Services.AddPortalResponseCompression();
        // Circuit options (how long a disconnected session is kept, ...) from the "Circuit" section: docs/edit-journal.md.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(options => builder.Configuration.GetSection("Circuit").Bind(options));
        builder.Services.AddMudServices();
        return builder;
    }

    public static bool HasConnectionString(this WebApplication app, out string problem)
    {
        var value = app.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(value))
        {
            problem = "";
            return true;
        }
        problem = $"No database connection string: set ConnectionStrings:{ConnectionStringName} in appsettings or the " +
                  $"environment variable ConnectionStrings__{ConnectionStringName} (e.g. \"Host=127.0.0.1;Port=5433;Database=tpps;Username=tpps;Password=...\"). " +
                  $"Environment: {app.Environment.EnvironmentName}. / Koneksi basis data belum diatur.";
        return false;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // First: every response, error pages, redirects and static files included, carries the security headers.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (ReverseProxyOptions.From(app.Configuration).BehindTlsProxy)
        {
            // The client's address (sign-in limits, logs) and https (HSTS, the sign-in redirect) from the trusted
            // proxy, before anything reads them.
            app.UseForwardedHeaders();
        }
        // Sign-in posts per client address; before anything else spends work on them.
        app.UseRateLimiter();
        // Where the host would put them by itself (right after routing), but after the three above.
        app.UseAuthentication();
        app.UseAuthorization();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/galat", createScopeForErrors: true);
        }
        // The UI speaks Indonesian: numbers "1.072", "22,6" in every request and circuit.
        // First, so that every page it lets through (docs/performance.md: what is compressed and why BREACH does
        // not apply) goes out compressed; static assets carry their own pre-compressed copies and pass untouched.
        app.UsePortalResponseCompression();
        app.UseRequestLocalization(options =>
        {
            var indonesian = new System.Globalization.CultureInfo("id-ID");
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(indonesian);
            options.SupportedCultures = [indonesian];
            options.SupportedUICultures = [indonesian];
        });
        app.UseStatusCodePagesWithReExecute("/tidak-ditemukan", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging(options =>
        {
            // Health probes every few seconds would drown the log.
            options.GetLevel = (http, _, ex) => ex is not null || http.Response.StatusCode >= 500
                ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose : Serilog.Events.LogEventLevel.Information;
        });
        app.UseMiddleware<AccessDeniedMiddleware>();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();

        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();

        app.MapAccountEndpoints();
        app.MapApiEndpoints();
        app.MapApiDocumentation();
        Api.ApiV1.MapApiV1(app).MapDhis2Endpoints();
        app.MapMinutesEndpoints();
        app.MapDashboardEndpoints();
        app.MapAksiDocumentEndpoints();
        app.MapAksiEvidenceEndpoints();
        app.MapDhis2DownloadEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    public static async Task MigrateIfConfiguredAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.MigrateOnStartup)
        {
            return;
        }
        await MigrateAsync(app.Services);
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("TppsPortal.Migrations");
        logger.LogInformation("Database migrated: {Count} migrations applied ({Migrations})", pending.Count, string.Join(", ", pending));
        // Indicators named English first by the first migration get their Indonesian names, once.
        await scope.ServiceProvider.GetRequiredService<TppsPortal.Prevalence.CatalogService>().FixIndicatorNamesAsync();
        // Minutes made final before versions existed get their version 1 now, once.
        var fixedNow = await scope.ServiceProvider.GetRequiredService<TppsPortal.Meetings.MinutesService>().FixUnversionedFinalMinutesAsync();
        if (fixedNow > 0)
        {
            logger.LogInformation("Final minutes of {Count} meetings fixed as version 1", fixedNow);
        }
    }

    public static async Task SeedDemoIfConfiguredAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (!options.DemoMode)
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options.DemoPassword);
    }
}
