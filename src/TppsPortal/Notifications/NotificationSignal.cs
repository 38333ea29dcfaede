using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TppsPortal.Notifications;

/// <summary>
/// Tells open pages that someone's notifications changed, whichever portal instance changed them: a trigger on the
/// notifications table sends a PostgreSQL NOTIFY on channel <see cref="Channel"/> with the user ids (delivered when
/// the writing transaction commits, never for a rolled-back one), and every instance LISTENs and raises
/// <see cref="Changed"/>. A payload "*" means "everyone" (too many ids for one message). After a lost database
/// connection the listener reconnects and raises "*", so that no bell stays stale.
/// </summary>
public sealed class NotificationSignal(string connectionString, ILogger<NotificationSignal> logger) : BackgroundService
{
    public const string Channel = "tpps_notifications";
    public const string Everyone = "*";

    /// <summary>Raised with a user id, or <see cref="Everyone"/>. Handlers must be quick and must not throw.</summary>
    public event Action<string>? Changed;

    /// <summary>True once the listener is listening (tests wait for it).</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Raise(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                IsListening = true;
                Raise(Everyone);
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                IsListening = false;
                logger.LogWarning(ex, "Notification listener lost its database connection; retrying in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private void Raise(string payload)
    {
        foreach (var id in payload.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                Changed?.Invoke(id);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A notification handler failed");
            }
        }
    }
}
