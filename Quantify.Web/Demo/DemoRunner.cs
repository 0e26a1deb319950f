namespace Quantify.Web.Demo;

public sealed class DemoOptions
{
    /// <summary>Create the demo estate on an empty database (Development, or the --demo flag; never in Production).</summary>
    public bool Seed { get; set; }

    /// <summary>
    /// The demo was asked for on the command line (<c>--demo</c>) or by the Development environment, rather than only by
    /// configuration: such a run also gets simulated meters unless <c>Simulation:Enabled</c> says otherwise.
    /// </summary>
    public bool RunSimulator { get; set; }

    /// <summary>
    /// Seed last month closed, settled and paid out, and a clean reconciliation of yesterday and today (default true).
    /// Tests that settle last month themselves turn it off with <c>Demo:SettledMonth=false</c>.
    /// </summary>
    public bool SettledMonth { get; set; } = true;
}

public static class DemoRegistration
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env, string[] args)
    {
        var options = configuration.GetSection("Demo").Get<DemoOptions>() ?? new DemoOptions();
        if (args.Contains("--demo") || env.IsDevelopment()) options.Seed = true;
        if (env.IsProduction() && !args.Contains("--demo")) options.Seed = false;
        options.RunSimulator = options.Seed && (args.Contains("--demo") || env.IsDevelopment());
        services.AddSingleton(options);
        services.AddSingleton<DemoRunner>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }
}

public sealed class DemoRunner(DemoOptions options, DemoSeeder seeder, ILogger<DemoRunner> log)
{
    public async Task RunIfRequestedAsync(CancellationToken ct = default)
    {
        if (!options.Seed) return;
        var logins = await seeder.SeedIfEmptyAsync(ct);
        if (logins.Count == 0) return;
        log.LogWarning("Demo estate created. Logins (password for all: {Password}):{Logins}", DemoSeeder.Password,
            string.Concat(logins.Select(l => $"{Environment.NewLine}  {l.Role,-14} {l.Email}")));
    }
}
