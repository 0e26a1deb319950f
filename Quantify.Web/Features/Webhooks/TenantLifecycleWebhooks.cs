using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Features.Onboarding;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// <c>tenant.onboarded</c> / <c>tenant.offboarded</c>: told by onboarding after a move-in or move-out commits. The
/// event key is the tenancy, so the same move is never published twice.
/// </summary>
public sealed class TenantLifecycleWebhooks(IDbContextFactory<QuantifyDbContext> factory, WebhookPublisher publisher) : ITenantLifecycleListener
{
    public Task OnboardedAsync(TenantLifecycleEvent e, CancellationToken ct) =>
        PublishAsync(e, WebhookEvents.TenantOnboarded, unitNumber => new { unitId = e.UnitId, unitNumber, personId = e.PersonId, tenancyId = e.TenancyId, moveInDate = e.Date }, ct);

    public Task OffboardedAsync(TenantLifecycleEvent e, CancellationToken ct) =>
        PublishAsync(e, WebhookEvents.TenantOffboarded, unitNumber => new { unitId = e.UnitId, unitNumber, personId = e.PersonId, tenancyId = e.TenancyId, moveOutDate = e.Date }, ct);

    private async Task PublishAsync(TenantLifecycleEvent e, string type, Func<string?, object> payload, CancellationToken ct)
    {
        var estates = await publisher.EstatesListeningAsync(type, ct);
        if (!estates.Contains(e.EstateId)) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        var unitNumber = await db.Units.Where(u => u.Id == e.UnitId).Select(u => u.UnitNumber).FirstOrDefaultAsync(ct);
        await publisher.PublishAsync(new WebhookEvent(e.EstateId, type, $"{type}:{e.TenancyId}", payload(unitNumber)), ct);
    }
}
