namespace Quantify.Web.Features.Health;

/// <summary>Configuration section "Health".</summary>
public sealed class HealthOptions
{
    /// <summary>
    /// A token the orchestrator (load balancer, Kubernetes probe, uptime monitor) sends in the <c>X-Health-Token</c> header
    /// to get the details an admin sees. Unset: only signed-in admins get details. At least 32 characters.
    /// </summary>
    public string? DetailsToken { get; set; }

    public const string TokenHeader = "X-Health-Token";
    public const int MinimumTokenLength = 32;
}
