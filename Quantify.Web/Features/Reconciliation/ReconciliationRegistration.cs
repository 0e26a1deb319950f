namespace Quantify.Web.Features.Reconciliation;

public static class ReconciliationRegistration
{
    /// <summary>The daily reconciliation; settings in the <c>Reconciliation</c> section, checked at start-up.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Reconciliation").Get<ReconciliationOptions>() ?? new ReconciliationOptions();
        if (options.UnmatchedDepositDays is < 1 or > 365)
            throw new InvalidOperationException($"Reconciliation:UnmatchedDepositDays must be between 1 and 365 (is {options.UnmatchedDepositDays}).");
        if (options.DeadLetterHours is < 1 or > 24 * 30)
            throw new InvalidOperationException($"Reconciliation:DeadLetterHours must be between 1 and 720 (is {options.DeadLetterHours}).");
        services.AddSingleton(options);
        services.AddSingleton<ReconciliationService>();
        return services;
    }
}
