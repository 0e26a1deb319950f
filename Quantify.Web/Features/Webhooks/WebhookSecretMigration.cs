using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// At start-up, encrypts any signing secret still stored in clear text (subscriptions made before secrets were
/// encrypted). Safe on several instances at once: a row is only rewritten while it is still clear text.
/// </summary>
public sealed class WebhookSecretMigration(IDbContextFactory<QuantifyDbContext> factory, WebhookSecretProtector secrets, ILogger<WebhookSecretMigration> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await EncryptClearTextAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns how many secrets were encrypted.</summary>
    public async Task<int> EncryptClearTextAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var clear = await db.WebhookSubscriptions.AsNoTracking().Where(s => !s.Secret.StartsWith(WebhookSecretProtector.Prefix))
            .Select(s => new { s.Id, s.Secret }).ToListAsync(ct);
        var done = 0;
        foreach (var row in clear)
            done += await db.WebhookSubscriptions.Where(s => s.Id == row.Id && s.Secret == row.Secret)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Secret, secrets.Protect(row.Secret)), ct);
        if (done > 0) log.LogInformation("Encrypted {Count} webhook signing secret(s) stored in clear text", done);
        return done;
    }
}
