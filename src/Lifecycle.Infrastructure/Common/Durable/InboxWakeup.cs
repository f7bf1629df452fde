using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>
/// Tells the inbox processor that accepted events were committed, so that they are applied at once rather than at the
/// next poll. One pending signal is enough — a drain takes everything due — so further signals are dropped until a
/// drain has started.
/// </summary>
internal sealed class InboxWakeup
{
    private readonly Channel<bool> signals =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Signal() => signals.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken ct) => await signals.Reader.ReadAsync(ct);
}

/// <summary>
/// Drains the inbox whenever <see cref="InboxWakeup"/> is signalled. The Quartz poll stays the fallback: it finds the
/// retries that come due later and the events another instance accepted.
/// </summary>
internal sealed partial class InboxDrainOnWakeup(InboxWakeup wakeup, InboxProcessor processor, ILogger<InboxDrainOnWakeup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await wakeup.WaitAsync(stoppingToken);
                await processor.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Nothing is lost: the rows stay due and the next poll or wake-up takes them.
                LogDrainFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox drain after a commit failed; the rows stay due for the next poll")]
    private partial void LogDrainFailed(Exception exception);
}
