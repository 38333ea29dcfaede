using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TppsPortal.Notifications.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit: one connection per message (a district sends a few dozen
/// mails a day; a pooled connection would be one more thing to go stale).
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var mail = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(mail.TimeoutSeconds * 3));
        using var client = new SmtpClient { Timeout = mail.TimeoutSeconds * 1000 };
        var security = mail.EffectiveSecurity switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(mail.Host ?? throw new InvalidOperationException("Mail:Host is not set."), mail.Port, security, timeout.Token);
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            await client.AuthenticateAsync(mail.UserName, mail.Password ?? "", timeout.Token);
        }
        var response = await client.SendAsync(message, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
        // The server's answer names its queue id: what an operator needs to follow one mail through the relay.
        logger.LogDebug("Mail {MessageId} accepted by {Host}: {Response}", message.MessageId, mail.Host, response);
    }
}
