using Mediator;

namespace Lifecycle.Application.Tests.Support;

/// <summary>Stands in for the rest of the pipeline: records each call and answers or throws as told.</summary>
internal sealed class HandlerProbe<TMessage, TResponse>(Func<TMessage, TResponse> respond)
    where TMessage : notnull, IMessage
{
    private readonly List<TMessage> received = [];

    public int Calls => received.Count;

    public IReadOnlyList<TMessage> Received => received;

    public CancellationToken LastToken { get; private set; }

    /// <summary>Runs when the probe is called, before it answers (to look at the state around the handler).</summary>
    public Action? OnCall { get; init; }

    public MessageHandlerDelegate<TMessage, TResponse> Next => (message, ct) =>
    {
        received.Add(message);
        LastToken = ct;
        OnCall?.Invoke();
        return new ValueTask<TResponse>(respond(message));
    };

    public static HandlerProbe<TMessage, TResponse> Returning(TResponse response, Action? onCall = null) =>
        new(_ => response) { OnCall = onCall };

    public static HandlerProbe<TMessage, TResponse> Throwing(Exception exception) => new(_ => throw exception);
}
