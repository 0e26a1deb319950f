using System.Threading.Channels;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.CreditControl;

/// <summary>Units whose balance just changed (consumption billed, top-up posted), for credit control to look at soon.</summary>
public sealed class CreditControlQueue : IWalletPostingListener
{
    private readonly Channel<(bool IsWallet, int Id)> channel = Channel.CreateUnbounded<(bool, int)>(new UnboundedChannelOptions { SingleReader = true });

    public void Request(int unitId) => channel.Writer.TryWrite((false, unitId));

    /// <summary>A top-up (or any posting) to these wallets committed.</summary>
    public void WalletsPosted(IReadOnlyCollection<int> walletIds)
    {
        foreach (var id in walletIds) channel.Writer.TryWrite((true, id));
    }

    internal ChannelReader<(bool IsWallet, int Id)> Reader => channel.Reader;
}

/// <summary>
/// Feeds credit control from every committed ingestion batch, off the writer (the observers run after the
/// acknowledgement): only the units whose pocket balance crossed a threshold in the batch when the engine says which
/// (<see cref="BatchCommitted.CreditUnits"/>), otherwise every unit of the batch. The minute sweep still sees all.
/// </summary>
public sealed class CreditControlBatchObserver(CreditControlQueue queue) : IBatchObserver
{
    public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
    {
        var units = batch.CreditUnits ?? batch.Readings.Select(r => r.Meter.UnitId).OfType<int>().Distinct().ToList();
        foreach (var unitId in units) queue.Request(unitId);
        return Task.CompletedTask;
    }
}

/// <summary>Evaluates requested units in small batches, so a disconnection or reconnection follows within a second or two.</summary>
public sealed class CreditControlWorker(CreditControlQueue queue, CreditControlService service, ILogger<CreditControlWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var units = new HashSet<int>();
                var wallets = new HashSet<int>();
                while (units.Count + wallets.Count < 500 && reader.TryRead(out var item)) (item.IsWallet ? wallets : units).Add(item.Id);
                try
                {
                    if (wallets.Count > 0) units.UnionWith(await service.UnitsOfWalletsAsync(wallets, stoppingToken));
                    await service.EvaluateAsync(units, stoppingToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
                {
                    log.LogError(ex, "Credit control failed for {Count} unit(s); the minute sweep will retry them", units.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
