using System.Threading.Channels;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Arrears;

/// <summary>Wallets that were just posted to: a top-up may have ended an arrears episode.</summary>
public sealed class ArrearsResumeQueue : IWalletPostingListener
{
    private readonly Channel<int> channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void WalletsPosted(IReadOnlyCollection<int> walletIds)
    {
        foreach (var id in walletIds) channel.Writer.TryWrite(id);
    }

    internal ChannelReader<int> Reader => channel.Reader;
}

/// <summary>
/// Lifts an arrears suspension as soon as a posting brings the pocket back to zero or more (rather than waiting for the
/// daily job), then asks credit control to look at the wallet again so electricity is reconnected within seconds.
/// </summary>
public sealed class ArrearsResumeWorker(ArrearsResumeQueue queue, ArrearsEscalationService service, CreditControlQueue creditControl, ILogger<ArrearsResumeWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var wallets = new HashSet<int>();
                while (wallets.Count < 500 && reader.TryRead(out var id)) wallets.Add(id);
                try
                {
                    if (await service.ResumeWalletsAsync(wallets, stoppingToken) > 0) creditControl.WalletsPosted(wallets);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
                {
                    log.LogError(ex, "Lifting arrears suspensions failed for {Count} wallet(s); the daily arrears job will retry", wallets.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
