using FluentValidation;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>Sends committed outbox messages to their handlers (which call Exotel).</summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
    : DurableWorkProcessor<OutboxMessageRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(OutboxMessageRow row, IServiceProvider services) =>
        (IMessage)DurableMessageTypes.Deserialize(row.Type, row.Payload);

    protected override string EventKeyOf(OutboxMessageRow row) => $"outbox:{row.Id}";
}

/// <summary>Turns accepted webhook events into their typed commands.</summary>
internal sealed class InboxProcessor(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<InboxOptions> options, ILogger<InboxProcessor> logger)
    : DurableWorkProcessor<InboxEventRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(InboxEventRow row, IServiceProvider services)
    {
        var source = WebhookSources.Wire.Parse(row.Source);
        var reader = services.GetServices<IWebhookEventReader>().Single(candidate => candidate.Source == source);
        return reader.ToCommand(WebhookFields.FromJson(row.Payload), new WebhookIdentity(row.EventKey, row.EventType));
    }

    protected override string EventKeyOf(InboxEventRow row) => $"inbox:{row.Source}:{row.EventKey}";

    protected override bool IsPermanent(Exception exception) => exception is ValidationException;
}

/// <summary>Fires timers whose due time has passed; a cancelled timer is never claimed.</summary>
internal sealed class TimerPoller(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<TimerOptions> options, ILogger<TimerPoller> logger)
    : DurableWorkProcessor<TimerRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(TimerRow row, IServiceProvider services) =>
        (IMessage)DurableMessageTypes.Deserialize(row.Type, row.Payload);

    protected override string EventKeyOf(TimerRow row) => $"timer:{row.Id}";
}
