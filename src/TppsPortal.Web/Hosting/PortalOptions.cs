namespace TppsPortal.Web.Hosting;

/// <summary>The <c>Tpps</c> configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Tpps";

    /// <summary>Demo mode: demo data is seeded at start-up and the sign-in page lists the demo accounts.</summary>
    public bool DemoMode { get; set; }

    /// <summary>The one password of every demo account (demo mode only).</summary>
    public string DemoPassword { get; set; } = "DemoTpps2024";

    /// <summary>Apply pending migrations when the portal starts (otherwise use the <c>migrate</c> verb).</summary>
    public bool MigrateOnStartup { get; set; }
}
