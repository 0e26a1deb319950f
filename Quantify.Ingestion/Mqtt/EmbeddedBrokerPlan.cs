using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Quantify.Ingestion.Mqtt;

/// <summary>
/// Where the embedded broker listens, decided once at start-up from validated settings: plain MQTT on loopback
/// addresses only, MQTT over TLS (with <see cref="Certificate"/>) on any other address. A null address is not bound.
/// </summary>
public sealed record EmbeddedBrokerPlan(IPAddress? PlainV4, IPAddress? PlainV6, int PlainPort, IPAddress? TlsV4, IPAddress? TlsV6, int TlsPort,
    X509Certificate2? Certificate)
{
    public bool HasTls => Certificate is not null && (TlsV4 is not null || TlsV6 is not null);

    /// <summary>Every address the broker binds, plain or TLS (ports as configured; 0 means "any free port").</summary>
    public IEnumerable<IPAddress> Addresses => new[] { PlainV4, PlainV6, TlsV4, TlsV6 }.OfType<IPAddress>();
}
