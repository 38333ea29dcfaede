using MimeKit;

namespace TppsPortal.Notifications.Email;

/// <summary>Hands a message to the mail server. The seam between the outbox and SMTP.</summary>
public interface IMailSender
{
    /// <summary>Returns when the server has accepted the message; throws when it could not be delivered to the server.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
