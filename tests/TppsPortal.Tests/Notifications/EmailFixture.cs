using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Notifications;

/// <summary>The service layer on a fresh demo database, and a real SMTP server (aiosmtpd) for the class's tests.</summary>
public sealed class EmailFixture : IAsyncLifetime
{
    public ServiceFixture Portal { get; } = new();

    public SmtpServer Smtp { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await Portal.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
