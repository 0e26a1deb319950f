namespace Quantify.Web.Features.Onboarding;

/// <summary>Configuration section "Onboarding".</summary>
public sealed class OnboardingOptions
{
    /// <summary>The portal's public address for invitation links when the caller gives none (e.g. https://portal.example.co.za).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5042";
}
