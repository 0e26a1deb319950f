using Microsoft.Extensions.Options;

namespace Quantify.Web.Features.Payments;

/// <summary>
/// Start-up check of the "PayFast" section: with payments on, the server confirmation must go to an absolute URL from
/// configuration (https in Production), and Production must send payers to PayFast itself. Messages name the setting.
/// </summary>
public sealed class PayFastOptionsValidator(IHostEnvironment env) : IValidateOptions<PayFastOptions>
{
    public ValidateOptionsResult Validate(string? name, PayFastOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        var production = env.IsProduction();
        if (string.IsNullOrWhiteSpace(options.ValidateUrl))
        {
            if (production || !options.UseLocalStandIn)
                errors.Add($"PayFast:ValidateUrl is not set. Set it to {PayFastOptions.LiveValidateUrl} (live) or {PayFastOptions.SandboxValidateUrl} (sandbox), or set PayFast:Enabled to false.");
        }
        else if (!Uri.TryCreate(options.ValidateUrl, UriKind.Absolute, out var validate) || (validate.Scheme != Uri.UriSchemeHttps && validate.Scheme != Uri.UriSchemeHttp))
            errors.Add($"PayFast:ValidateUrl '{options.ValidateUrl}' is not an absolute http(s) URL: the ITN confirmation is never sent to an address taken from a request. Use {PayFastOptions.LiveValidateUrl} (live) or {PayFastOptions.SandboxValidateUrl} (sandbox).");
        else if (production && validate.Scheme != Uri.UriSchemeHttps)
            errors.Add($"PayFast:ValidateUrl '{options.ValidateUrl}' must use https in Production.");
        if (production && (!Uri.TryCreate(options.ProcessUrl, UriKind.Absolute, out var process) || process.Scheme != Uri.UriSchemeHttps))
            errors.Add($"PayFast:ProcessUrl '{options.ProcessUrl}' must be an absolute https URL in Production (https://www.payfast.co.za/eng/process or https://sandbox.payfast.co.za/eng/process).");
        if (production && (string.IsNullOrEmpty(options.Passphrase) || options.Passphrase == PayFastOptions.DemoPassphrase))
            errors.Add("PayFast:Passphrase is empty or the demo default: set the passphrase of your PayFast merchant account.");
        if (production && (options.MerchantId == PayFastOptions.SandboxMerchantId || options.MerchantKey == PayFastOptions.SandboxMerchantKey))
            errors.Add("PayFast:MerchantId and PayFast:MerchantKey are PayFast's sandbox values: set your own merchant's.");
        if (production && (options.AllowedIps is null || options.AllowedIps.Length == 0))
            errors.Add("PayFast:AllowedIps is not set: list the addresses or networks PayFast sends ITNs from (see docs/payments.md).");
        foreach (var entry in options.AllowedIps ?? [])
            if (string.IsNullOrWhiteSpace(entry) || !PayFastAllowList.TryParse(entry, out _))
                errors.Add($"PayFast:AllowedIps entry '{entry}' is neither an IP address nor a CIDR network.");
        if (options.MaxItnBytes is < 1024 or > 1024 * 1024)
            errors.Add($"PayFast:MaxItnBytes {options.MaxItnBytes} must be between 1024 and 1048576.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
