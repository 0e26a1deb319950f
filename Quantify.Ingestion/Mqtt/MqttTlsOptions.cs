namespace Quantify.Ingestion.Mqtt;

/// <summary>Configuration section "Ingestion:Mqtt:Tls": the embedded broker's certificate for connections from other machines.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>A PKCS#12 (.pfx/.p12) file holding the server certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the PKCS#12 file (empty when it has none).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The TLS port (8883 is MQTT over TLS's registered port).</summary>
    public int Port { get; set; } = 8883;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);
}
