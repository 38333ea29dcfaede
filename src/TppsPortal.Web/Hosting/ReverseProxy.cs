using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TppsPortal.Web.Hosting;

/// <summary>
/// The portal behind a proxy that ends TLS (configuration section <c>Tpps:Proxy</c>; docs/operations.md).
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "Tpps:Proxy";

    /// <summary>
    /// True when the portal is reached only through a TLS proxy: X-Forwarded-For and X-Forwarded-Proto from the
    /// proxy are believed (client address for the sign-in limits, https for HSTS and redirects) and every cookie is
    /// marked Secure whatever the scheme the portal sees.
    /// </summary>
    public bool BehindTlsProxy { get; set; }

    /// <summary>Addresses of the proxies whose forwarded headers are believed. Empty: loopback only.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/24) of proxies whose forwarded headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public static ReverseProxyOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();

    public void Apply(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Only the nearest proxy's word counts: a client can write any X-Forwarded-For it likes.
        forwarded.ForwardLimit = 1;
        foreach (var proxy in KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
