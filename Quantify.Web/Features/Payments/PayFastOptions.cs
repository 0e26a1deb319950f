namespace Quantify.Web.Features.Payments;

/// <summary>Configuration section "PayFast". Sandbox and live differ only here (see docs/payments.md).</summary>
public sealed class PayFastOptions
{
    public const string Section = "PayFast";
    public const string SandboxValidateUrl = "https://sandbox.payfast.co.za/eng/query/validate";
    public const string LiveValidateUrl = "https://www.payfast.co.za/eng/query/validate";

    /// <summary>Card/instant-EFT top-ups through PayFast. Off: no ITN endpoint, no stand-in, and no PayFast settings are checked.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The sandbox merchant and the demo passphrase: they work in Development and the demo only.</summary>
    public const string SandboxMerchantId = "10000100", SandboxMerchantKey = "46f0cd694581a", DemoPassphrase = "quantify-demo-passphrase";

    public string MerchantId { get; set; } = SandboxMerchantId;
    public string MerchantKey { get; set; } = SandboxMerchantKey;
    public string? Passphrase { get; set; } = DemoPassphrase;
    /// <summary>Where the payer's browser is sent. Live: https://www.payfast.co.za/eng/process; sandbox: https://sandbox.payfast.co.za/eng/process.
    /// Relative (the default) = this app's local stand-in, outside Production only.</summary>
    public string ProcessUrl { get; set; } = "/payfast-standin/eng/process";
    /// <summary>
    /// The server confirmation of each ITN, an absolute URL: live <see cref="LiveValidateUrl"/>, sandbox <see cref="SandboxValidateUrl"/>.
    /// Never derived from a request. Unset outside Production with the stand-in on: the stand-in at this app's own bound
    /// loopback address. Production refuses to start with payments on and no absolute https URL here.
    /// </summary>
    public string? ValidateUrl { get; set; }
    /// <summary>Addresses (or CIDR networks) ITNs may come from: PayFast publishes its own; unset = loopback only, which
    /// is where the demo's stand-in posts from, and Production refuses to start unset. Compared with the connection's
    /// address, which is the client's own only when it came through a configured known proxy.</summary>
    public string[]? AllowedIps { get; set; }
    public static readonly string[] LoopbackOnly = ["127.0.0.1", "::1"];
    /// <summary>Serve the local stand-in PayFast (pay page and validate URL). Never in Production.</summary>
    public bool UseLocalStandIn { get; set; } = true;
    /// <summary>Largest ITN body accepted, in bytes (a real one is well under 2 KB).</summary>
    public int MaxItnBytes { get; set; } = 16 * 1024;
}
