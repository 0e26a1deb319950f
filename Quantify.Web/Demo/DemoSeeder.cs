namespace Quantify.Web.Demo;

public sealed record DemoLogin(string Role, string Email);

public sealed class DemoSeeder
{
    public const string Password = "Quantify!2026";

    public Task<IReadOnlyList<DemoLogin>> SeedIfEmptyAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<DemoLogin>>([]);
}
