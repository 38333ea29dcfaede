using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Teams;

namespace TppsPortal;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the service layer: the database, Identity's stores and every feature service.</summary>
    public static IServiceCollection AddTppsPortal(this IServiceCollection services, string connectionString) =>
        services.AddTppsPortal(_ => connectionString);

    /// <summary>
    /// As above, with the connection string read when the first context is made (so that a host's final
    /// configuration, test overrides included, decides it).
    /// </summary>
    public static IServiceCollection AddTppsPortal(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<TextInterceptor>();
        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            ConfigureDb(options, connectionString(sp));
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<TextInterceptor>());
        }, ServiceLifetime.Scoped);
        // Identity's stores, Data Protection and the health check take a context from the container.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddSignInManager<AppSignInManager>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<IndonesianIdentityErrorDescriber>();

        services.AddSingleton<AccessPolicy>();
        services.AddOptions<SignInLimits>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountService>();
        services.AddScoped<UserService>();
        services.AddScoped<RegionService>();
        services.AddScoped<RegionImporter>();
        services.AddScoped<AgencyService>();
        services.AddScoped<TeamService>();
        services.AddScoped<MeetingService>();
        services.AddScoped<ActionService>();
        services.AddScoped<LetterheadService>();
        services.AddScoped<MinutesService>();
        services.AddScoped<CheckInService>();
        services.AddSingleton<CheckInNotifier>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<SubmissionImporter>();
        services.AddScoped<Prevalence.DashboardService>();
        services.AddScoped<Prevalence.NationalDashboardService>();
        services.AddScoped<Prevalence.PrevalenceService>();
        services.AddScoped<Prevalence.FigureImporter>();
        services.AddScoped<Prevalence.TargetService>();
        services.AddScoped<Prevalence.CatalogService>();
        services.AddScoped<Prevalence.ChangeHistoryService>();
        services.AddScoped<Convergence.ConvergenceService>();
        services.AddScoped<Convergence.AssessmentService>();
        services.AddScoped<Convergence.PublicationService>();
        services.AddScoped<Api.ApiTokenService>();
        services.AddScoped<Dhis2.Dhis2Service>();
        services.AddScoped<Api.ApiReadService>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<Notifications.Notifier>();
        services.AddSingleton<Notifications.EventNotices>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Notifications.ReminderService>();
        services.AddSingleton(sp => new Notifications.NotificationSignal(connectionString(sp),
            sp.GetRequiredService<ILogger<Notifications.NotificationSignal>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationSignal>());
        // Mail: section "Mail" of the host's configuration when there is one (off by default: nothing is sent).
        services.AddOptions<Notifications.Email.MailOptions>()
            .Configure<IServiceProvider>((mail, sp) =>
            {
                if (sp.GetService<IConfiguration>() is not { } configuration)
                {
                    return;
                }
                configuration.GetSection(Notifications.Email.MailOptions.Section).Bind(mail);
                // Links in mails go to the portal's public address unless the mail section names another.
                if (string.IsNullOrWhiteSpace(mail.PortalAddress))
                {
                    mail.PortalAddress = configuration["Tpps:PublicUrl"];
                }
            })
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Notifications.Email.MailOptions>, Notifications.Email.MailOptionsValidator>();
        services.AddSingleton<Notifications.Email.IMailSender, Notifications.Email.SmtpMailSender>();
        services.AddScoped<Notifications.Email.EmailOutbox>();
        services.AddTransient<Notifications.Email.EmailOutboxJob>();
        return services;
    }

    internal static void ConfigureDb(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Password policy: 10 characters with letters and digits. Identity's own lockout (per account, whatever the
    /// address) is not used: <see cref="SignInThrottle"/> locks per user name and client address instead.
    /// </summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
        options.SignIn.RequireConfirmedAccount = false;
    }
}
