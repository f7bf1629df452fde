using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Tests.Support;
using Mediator;

namespace Lifecycle.Application.Tests.Behaviors;

public class UnitOfWorkBehaviorTests
{
    private readonly FakeUnitOfWork unitOfWork = new();
    private readonly IdempotencyScope scope = new();

    [Fact]
    public async Task Command_runs_inside_the_unit_of_work_with_the_scopes_event_key()
    {
        scope.EventKey = "SM1|sent|";
        var ranInside = false;
        var probe = HandlerProbe<PlainCommand, string>.Returning("done", () => ranInside = unitOfWork.InWork);

        var response = await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.True(ranInside);
        Assert.Equal(["SM1|sent|"], unitOfWork.EventKeys);
        Assert.Equal(1, unitOfWork.Commits);
        Assert.Equal(0, unitOfWork.CommittedAfter);
    }

    [Fact]
    public async Task An_outbox_message_commits_after_its_handler_so_no_lock_waits_on_exotel()
    {
        scope.EventKey = "outbox:1";
        var probe = HandlerProbe<OutboxCommand, Unit>.Returning(Unit.Value);

        await Behavior<OutboxCommand, Unit>().Handle(new OutboxCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal(1, unitOfWork.CommittedAfter);
        Assert.Equal(["outbox:1"], unitOfWork.EventKeys);
    }

    [Fact]
    public async Task Command_without_an_event_key_still_runs_in_the_unit_of_work()
    {
        var probe = HandlerProbe<PlainCommand, string>.Returning("done");

        await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal([null], unitOfWork.EventKeys);
    }

    [Fact]
    public async Task Handler_receives_the_unit_of_works_cancellation_token()
    {
        var probe = HandlerProbe<PlainCommand, string>.Returning("done");

        await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal(unitOfWork.WorkToken, probe.LastToken);
    }

    [Fact]
    public async Task Query_bypasses_the_unit_of_work()
    {
        var ranInside = true;
        var probe = HandlerProbe<PlainQuery, string>.Returning("found", () => ranInside = unitOfWork.InWork);

        var response = await Behavior<PlainQuery, string>().Handle(new PlainQuery("x"), probe.Next, CancellationToken.None);

        Assert.Equal("found", response);
        Assert.False(ranInside);
        Assert.Empty(unitOfWork.EventKeys);
    }

    [Fact]
    public async Task Command_that_commits_on_its_own_path_bypasses_the_unit_of_work()
    {
        var probe = HandlerProbe<OutsideUnitOfWorkCommand, string>.Returning("accepted");

        var response = await Behavior<OutsideUnitOfWorkCommand, string>()
            .Handle(new OutsideUnitOfWorkCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("accepted", response);
        Assert.Equal(1, probe.Calls);
        Assert.Empty(unitOfWork.EventKeys);
    }

    [Fact]
    public async Task Exception_in_the_handler_propagates_and_nothing_is_committed()
    {
        var failure = new InvalidOperationException("refused");
        var probe = HandlerProbe<PlainCommand, string>.Throwing(failure);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await Behavior<PlainCommand, string>().Handle(new PlainCommand("x"), probe.Next, CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Single(unitOfWork.EventKeys);
        Assert.Equal(0, unitOfWork.Commits);
    }

    private UnitOfWorkBehavior<TMessage, TResponse> Behavior<TMessage, TResponse>()
        where TMessage : notnull, IMessage => new(unitOfWork, scope);
}
