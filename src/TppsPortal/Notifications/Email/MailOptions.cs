namespace TppsPortal.Notifications.Email;

/// <summary>
/// The SMTP server and sender, from the configuration section "Mail". Off unless switched on: a portal that is
/// not configured sends nothing anywhere (its notifications stay in the bell, their mail stays pending).
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>"None", "StartTls" or "SslOnConnect"; when not set: StartTls on port 587, SslOnConnect on 465, else None.</summary>
    public MailSecurity? Security { get; set; }

    /// <summary>Log in with these when set (many internal relays take mail without).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? FromAddress { get; set; }

    public string FromName { get; set; } = "TPPS Portal";

    /// <summary>The portal's absolute address, for links in mails ("https://tpps.luwutimurkab.go.id/").</summary>
    public string? PortalAddress { get; set; }

    /// <summary>How long one connect, command or send may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public MailSecurity EffectiveSecurity => Security ?? Port switch
    {
        587 => MailSecurity.StartTls,
        465 => MailSecurity.SslOnConnect,
        _ => MailSecurity.None,
    };

    /// <summary>The portal address as a base for relative links (always ending with "/").</summary>
    public Uri PortalBase
    {
        get
        {
            var address = string.IsNullOrWhiteSpace(PortalAddress) ? "http://localhost/" : PortalAddress.Trim();
            return new Uri(address.EndsWith('/') ? address : address + "/", UriKind.Absolute);
        }
    }

    /// <summary>What is wrong with a switched-on configuration (empty when nothing is, or when mail is off).</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return [];
        }
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("Mail:Host is required when Mail:Enabled is true.");
        if (Port is < 1 or > 65535) problems.Add("Mail:Port must be 1-65535.");
        if (string.IsNullOrWhiteSpace(FromAddress) || !MimeKit.MailboxAddress.TryParse(FromAddress, out _)) problems.Add("Mail:FromAddress must be an e-mail address.");
        if (string.IsNullOrWhiteSpace(PortalAddress) || !Uri.TryCreate(PortalAddress, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            problems.Add("Mail:PortalAddress must be the portal's absolute http(s) address, e.g. https://tpps.example.go.id/.");
        }
        if (TimeoutSeconds is < 1 or > 600) problems.Add("Mail:TimeoutSeconds must be 1-600.");
        return problems;
    }
}

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Stops start-up on a switched-on but incomplete Mail section, naming each key that is wrong.</summary>
public sealed class MailOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<MailOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, MailOptions options) =>
        options.Problems() is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
