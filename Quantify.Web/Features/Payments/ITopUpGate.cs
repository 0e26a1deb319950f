using Quantify.Domain.Common;

namespace Quantify.Web.Features.Payments;

/// <summary>Checked before a payment is started: may this user pay this amount into this unit's wallet (shared-wallet caps)?</summary>
public interface ITopUpGate
{
    /// <returns>Null when allowed; otherwise why not (the cap in the message).</returns>
    Task<Error?> CheckAsync(int unitId, decimal amount, string? userId, CancellationToken ct);
}
