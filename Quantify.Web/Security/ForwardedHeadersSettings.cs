using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Quantify.Web.Security;

/// <summary>
/// Configuration section "ForwardedHeaders": the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.
/// Nothing is believed by default (not even loopback, which ASP.NET trusts out of the box), so the client address is the
/// TCP peer's unless the peer is listed here. Behind nginx on the same host: <c>KnownProxies: ["127.0.0.1"]</c>; behind a
/// load balancer subnet: <c>KnownNetworks: ["10.0.0.0/24"]</c>. The Host header is never taken from a proxy.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses (IPv4 or IPv6).</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR form.</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>How many proxies in a chain to unwrap (ASP.NET's ForwardLimit).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    /// <summary>The section, checked now: an entry that does not parse stops the start-up, naming the setting.</summary>
    public static ForwardedHeadersSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        settings.Apply(new ForwardedHeadersOptions());
        return settings;
    }

    /// <summary>Fills ASP.NET's options from these settings, replacing its defaults.</summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = ForwardLimit;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in KnownProxies)
            options.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies entry '{p}' is not an IP address."));
        foreach (var n in KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(n, out var net) ? net
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks entry '{n}' is not a network in CIDR form (e.g. 10.0.0.0/24)."));
    }
}
