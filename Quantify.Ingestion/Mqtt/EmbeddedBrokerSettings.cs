using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quantify.Ingestion.Mqtt;

/// <summary>
/// Start-up validation of the embedded broker's settings. Refuses (naming the setting) the shipped default password
/// outside Development, unparsable or too many bind addresses, and any non-loopback address without a TLS certificate:
/// a broker reachable from the network must encrypt, or be an external one (mosquitto, EMQX) set up for it.
/// </summary>
public static class EmbeddedBrokerSettings
{
    public const string PasswordSetting = "Ingestion:Mqtt:Password";
    public const string BindAddressesSetting = "Ingestion:Mqtt:BindAddresses";
    public const string CertificatePathSetting = "Ingestion:Mqtt:Tls:CertificatePath";
    public const string CertificatePasswordSetting = "Ingestion:Mqtt:Tls:CertificatePassword";
    public const string TlsPortSetting = "Ingestion:Mqtt:Tls:Port";

    /// <summary>Validates the settings and returns where to listen; null when the broker is external. Throws <see cref="InvalidOperationException"/> naming the setting.</summary>
    public static EmbeddedBrokerPlan? Resolve(MqttOptions options, bool isDevelopment)
    {
        if (options.Mode != BrokerMode.Embedded) return null;
        if (string.IsNullOrWhiteSpace(options.Password))
            throw new InvalidOperationException($"{PasswordSetting} is empty: the embedded MQTT broker needs a password for its clients.");
        if (!isDevelopment && options.Password == MqttOptions.DefaultPassword)
            throw new InvalidOperationException(
                $"{PasswordSetting} is still the default '{MqttOptions.DefaultPassword}': set a strong password (e.g. environment variable Ingestion__Mqtt__Password) before running outside Development.");

        var addresses = new List<IPAddress>();
        foreach (var text in options.BindAddresses ?? MqttOptions.LoopbackAddresses)
        {
            if (!IPAddress.TryParse(text?.Trim(), out var address))
                throw new InvalidOperationException($"{BindAddressesSetting} holds '{text}', which is not an IP address (e.g. 127.0.0.1 or ::1).");
            addresses.Add(address);
        }
        if (addresses.Count == 0)
            throw new InvalidOperationException($"{BindAddressesSetting} is empty: give the broker at least one address (127.0.0.1 for this machine only).");
        var v4 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        var v6 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).ToList();
        if (v4.Count > 1 || v6.Count > 1)
            throw new InvalidOperationException($"{BindAddressesSetting} may hold at most one IPv4 and one IPv6 address; it holds {string.Join(", ", addresses)}.");

        var exposed = addresses.Where(a => !IPAddress.IsLoopback(a)).ToList();
        X509Certificate2? certificate = null;
        if (exposed.Count > 0)
        {
            if (!options.Tls.IsConfigured)
                throw new InvalidOperationException(
                    $"{BindAddressesSetting} includes {string.Join(", ", exposed)}, which other machines can reach, but {CertificatePathSetting} is not set: "
                    + "the embedded broker serves other machines only over TLS. Set the certificate (PKCS#12) and its password, keep the broker on loopback, "
                    + "or use an external broker (mosquitto, EMQX).");
            if (options.Tls.Port == options.Port && options.Port != 0)
                throw new InvalidOperationException($"{TlsPortSetting} ({options.Tls.Port}) must differ from Ingestion:Mqtt:Port.");
            certificate = LoadCertificate(options.Tls);
        }

        // Plain MQTT only ever on loopback (the co-hosted subscriber connects there); the exposed addresses get TLS.
        var plainV4 = v4.FirstOrDefault(IPAddress.IsLoopback);
        var plainV6 = v6.FirstOrDefault(IPAddress.IsLoopback);
        if (plainV4 is null && plainV6 is null) plainV4 = IPAddress.Loopback;
        if (plainV6 is not null && plainV6.Equals(IPAddress.IPv6Loopback) && !HasIPv6Loopback()) plainV6 = null; // a host without IPv6
        return new EmbeddedBrokerPlan(plainV4, plainV6, options.Port,
            exposed.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork), exposed.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6),
            options.Tls.Port, certificate);
    }

    private static X509Certificate2 LoadCertificate(MqttTlsOptions tls)
    {
        if (!File.Exists(tls.CertificatePath))
            throw new InvalidOperationException($"{CertificatePathSetting}: no certificate file at '{tls.CertificatePath}'.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{CertificatePathSetting}: '{tls.CertificatePath}' could not be opened as PKCS#12 with {CertificatePasswordSetting} ({ex.Message}).", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{CertificatePathSetting}: '{tls.CertificatePath}' holds no private key; the broker needs the key to serve TLS.");
        }
        return certificate;
    }

    private static bool HasIPv6Loopback() =>
        Socket.OSSupportsIPv6 && NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Any(u => u.Address.Equals(IPAddress.IPv6Loopback));
}
