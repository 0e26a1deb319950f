using System.Net;
using System.Net.Sockets;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// Keeps webhooks off the internal network (SSRF): a target that is, or resolves to, a private (10/8, 172.16/12,
/// 192.168/16, fc00::/7), loopback, link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10),
/// unspecified, broadcast or multicast address is refused, unless <see cref="WebhookOptions.AllowPrivateTargets"/> is on
/// or the address lies in one of <see cref="WebhookOptions.AllowedTargetNetworks"/>. Checked when a subscription is made
/// (a field error) and again on every delivery, on the very addresses the connection is made to after DNS resolution
/// (<see cref="CreateHandler"/>), so a name that later re-resolves to an internal address (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookTargetGuard
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("255.255.255.255/32"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly WebhookOptions options;
    private readonly IReadOnlyList<IPNetwork> allowed;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve;

    /// <param name="resolve">DNS resolution (tests pass their own; the default asks the system resolver).</param>
    public WebhookTargetGuard(WebhookOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        this.options = options;
        allowed = options.ParsedAllowedNetworks();
        this.resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    /// <summary>True when the address is internal (private, loopback, link-local, unspecified, multicast), whatever the configuration.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return Forbidden.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

    /// <summary>True when a webhook may be sent to this address under the configuration.</summary>
    public bool Permits(IPAddress address)
    {
        if (options.AllowPrivateTargets || !IsInternal(address)) return true;
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.BaseAddress.AddressFamily == v4.AddressFamily && n.Contains(v4));
    }

    /// <summary>
    /// The addresses <paramref name="host"/> resolves to, all permitted; otherwise a message saying which internal
    /// address it reached (an IP literal is checked as is).
    /// </summary>
    public async Task<(IPAddress[] Addresses, string? Refusal)> ResolveAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, ct);
        if (addresses.Length == 0) return ([], $"{host} does not resolve to any address.");
        var refused = addresses.FirstOrDefault(a => !Permits(a));
        return refused is null ? (addresses, null)
            : ([], $"{host} resolves to {refused}, an internal address (private, loopback, link-local, multicast or unspecified): webhooks are not sent there" +
                   " unless Webhooks:AllowPrivateTargets or Webhooks:AllowedTargetNetworks allows it.");
    }

    /// <summary>
    /// The delivery handler: resolves the target itself and connects only to permitted addresses, so the check covers
    /// the address actually connected to. No redirects (the subscriber registered this URL, not wherever it points next), no cookies.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var (addresses, refusal) = await ResolveAsync(context.DnsEndPoint.Host, ct);
            if (refusal is not null) throw new HttpRequestException(refusal);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
