using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Tests.Support;
using Mediator;

namespace Lifecycle.Application.Tests.Behaviors;

public class IdempotencyBehaviorTests
{
    private const string Key = "SM1|sent|20005";

    private readonly IdempotencyScope scope = new();
    private readonly FakeProcessedEvents processed = new();

    [Fact]
    public async Task First_delivery_runs_the_handler_under_the_commands_event_key()
    {
        string? keySeenByHandler = null;
        var probe = HandlerProbe<KeyedCommand, Outcome>.Returning(new Outcome("ENGAGED", 1), () => keySeenByHandler = scope.EventKey);

        var response = await Behavior<KeyedCommand, Outcome>().Handle(new KeyedCommand(Key), probe.Next, CancellationToken.None);

        Assert.Equal(new Outcome("ENGAGED", 1), response);
        Assert.Equal(1, probe.Calls);
        Assert.Equal(Key, keySeenByHandler);
        Assert.Equal(Key, scope.EventKey);
        Assert.Equal([Key], processed.Lookups);
    }

    [Fact]
    public async Task Already_processed_event_returns_the_stored_outcome_without_running_the_handler()
    {
        processed.Outcomes[Key] = """{"stage":"AT_RISK","attempts":2}""";
        var probe = HandlerProbe<KeyedCommand, Outcome>.Returning(new Outcome("ENGAGED", 1));

        var response = await Behavior<KeyedCommand, Outcome>().Handle(new KeyedCommand(Key), probe.Next, CancellationToken.None);

        Assert.Equal(new Outcome("AT_RISK", 2), response);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task Already_processed_command_without_a_result_answers_unit()
    {
        processed.Outcomes[Key] = "{}";
        var probe = HandlerProbe<KeyedUnitCommand, Unit>.Returning(Unit.Value);

        var response = await Behavior<KeyedUnitCommand, Unit>().Handle(new KeyedUnitCommand(Key), probe.Next, CancellationToken.None);

        Assert.Equal(Unit.Value, response);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task Message_without_a_key_passes_through_without_a_lookup()
    {
        var probe = HandlerProbe<PlainCommand, string>.Returning("done");

        var response = await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Equal(1, probe.Calls);
        Assert.Empty(processed.Lookups);
        Assert.Null(scope.EventKey);
    }

    [Fact]
    public async Task Key_set_by_a_durable_dispatcher_is_honoured()
    {
        scope.EventKey = "outbox:42";
        processed.Outcomes["outbox:42"] = "\"first outcome\"";
        var probe = HandlerProbe<PlainCommand, string>.Returning("second outcome");

        var response = await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("first outcome", response);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task Key_a_dispatcher_already_found_unprocessed_is_not_looked_up_again()
    {
        scope.EventKey = "inbox:sms:SM1|sent";
        scope.KnownUnprocessed = true;
        var probe = HandlerProbe<KeyedCommand, Outcome>.Returning(new Outcome("ENGAGED", 1));

        var response = await Behavior<KeyedCommand, Outcome>().Handle(new KeyedCommand(Key), probe.Next, CancellationToken.None);

        Assert.Equal(new Outcome("ENGAGED", 1), response);
        Assert.Equal(1, probe.Calls);
        Assert.Empty(processed.Lookups);
        Assert.Equal("inbox:sms:SM1|sent", scope.EventKey);
    }

    private IdempotencyBehavior<TMessage, TResponse> Behavior<TMessage, TResponse>()
        where TMessage : notnull, IMessage => new(scope, processed);
}
