using System.Net;

namespace Quantify.Web.Features.Payments;

/// <summary>The addresses and CIDR networks PayFast's ITNs may come from; IPv4-mapped IPv6 addresses count as IPv4.</summary>
public sealed class PayFastAllowList(IEnumerable<string> entries)
{
    private readonly IReadOnlyList<System.Net.IPNetwork> networks = entries.Select(e => TryParse(e, out var n) ? n : (System.Net.IPNetwork?)null)
        .OfType<System.Net.IPNetwork>().ToList();

    /// <remarks>An IPv4-mapped address ("::ffff:197.97.145.150", an IPv4 client on a dual-stack socket) is matched as its IPv4 address by <see cref="System.Net.IPNetwork.Contains"/> itself.</remarks>
    public bool Contains(IPAddress address) => networks.Any(n => n.Contains(address));

    /// <summary>An address ("197.97.145.145", "::1") is a network of one; "197.97.145.144/28" is a network.</summary>
    public static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        network = default;
        if (entry.Contains('/')) return System.Net.IPNetwork.TryParse(entry.Trim(), out network);
        if (!IPAddress.TryParse(entry.Trim(), out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        network = new System.Net.IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
