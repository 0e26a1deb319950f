using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Quantify.Web.Features.Payments;

/// <summary>
/// Where ITNs are confirmed: <see cref="PayFastOptions.ValidateUrl"/> when configured (always absolute, checked at
/// start-up); otherwise, outside Production with the stand-in on, the stand-in's validate path at this app's own bound
/// address, reached over loopback. Never anything a request says about its host.
/// </summary>
public sealed class PayFastValidateAddress(PayFastOptions options, IServer server)
{
    public const string StandInPath = "/payfast-standin/eng/query/validate";

    private Uri? resolved;

    public Uri Resolve()
    {
        if (resolved is not null) return resolved;
        if (!string.IsNullOrWhiteSpace(options.ValidateUrl)) return resolved = new Uri(options.ValidateUrl, UriKind.Absolute);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bound = LoopbackBase(addresses)
            ?? throw new InvalidOperationException("PayFast:ValidateUrl is not set and the server has no bound http address for the local stand-in.");
        return resolved = new Uri(bound, StandInPath);
    }

    /// <summary>A loopback base URL for one of the bound addresses: http preferred; wildcard hosts become 127.0.0.1.</summary>
    public static Uri? LoopbackBase(IEnumerable<string> addresses)
    {
        var parsed = addresses
            .Select(a => a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Port > 0 && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault();
        if (parsed is null) return null;
        var host = parsed.Host switch
        {
            "0.0.0.0" or "[::]" => parsed.Scheme == Uri.UriSchemeHttps ? "localhost" : "127.0.0.1",
            _ => parsed.Host,
        };
        return new UriBuilder(parsed.Scheme, host, parsed.Port).Uri;
    }
}
