using Lifecycle.Application.Common.Messaging;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Campaigns;

/// <summary>
/// Guide §3.5 method B: hands every user with a phone to the provider's contacts, tagged with their stage, so that
/// segment-driven campaigns read current stages (<c>Lifecycle:Campaigns:SegmentSyncCron</c>). A contact sync creates or
/// updates contacts and sends nothing to the user, so running it again is harmless.
/// </summary>
public sealed record SyncSegments : ICommand<SegmentSyncResult>, ICommitsOutsideUnitOfWork;

public sealed record SegmentSyncResult(int Requests, int Synced, int Refused);

internal sealed partial class SyncSegmentsHandler(ISegmentReader segments, ICampaignGateway gateway, ILogger<SyncSegmentsHandler> logger)
    : ICommandHandler<SyncSegments, SegmentSyncResult>
{
    public async ValueTask<SegmentSyncResult> Handle(SyncSegments command, CancellationToken ct)
    {
        var (requests, synced, refused) = (0, 0, 0);
        while (await segments.ReadAsync(requests * gateway.MaxContactsPerSync, gateway.MaxContactsPerSync, ct) is { Count: > 0 } page)
        {
            var result = await gateway.SyncContactsAsync(page, ct);
            (requests, synced, refused) = (requests + 1, synced + result.Synced, refused + result.Refused);
            if (result.Refused > 0)
            {
                LogRefused(result.Refused, page.Count, result.Detail);
            }
        }

        return new SegmentSyncResult(requests, synced, refused);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment sync: the provider refused {Refused} of {Count} contacts ({Detail})")]
    private partial void LogRefused(int refused, int count, string? detail);
}
