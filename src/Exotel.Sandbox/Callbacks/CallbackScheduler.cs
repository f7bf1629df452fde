using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Exotel.Sandbox.Callbacks;

/// <summary>
/// Runs work after a delay measured by the sandbox's <see cref="TimeProvider"/>, off the request. Everything still
/// waiting is cancelled by a reset, and cancelled and awaited when the host stops (before its services are
/// disposed, so that no callback is in flight on a disposed handler).
/// </summary>
internal sealed class CallbackScheduler : IHostedService, IAsyncDisposable
{
    private readonly TimeProvider time;
    private readonly ILogger<CallbackScheduler> logger;
    private readonly ConcurrentDictionary<long, Task> running = new();
    private CancellationTokenSource stopping = new();
    private long next;

    public CallbackScheduler(TimeProvider time, SandboxState state, ILogger<CallbackScheduler> logger)
    {
        this.time = time;
        this.logger = logger;
        state.ResetRequested += CancelAll;
    }

    /// <summary>Runs <paramref name="work"/> after <paramref name="delay"/> unless <paramref name="cancel"/> fires first.</summary>
    public void Schedule(TimeSpan delay, Func<CancellationToken, Task> work, CancellationToken cancel = default)
    {
        var id = Interlocked.Increment(ref next);
        var task = RunAsync(delay, work, Volatile.Read(ref stopping).Token, cancel);
        running[id] = task;
        _ = task.ContinueWith(_ => running.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await Volatile.Read(ref stopping).CancelAsync();
        await Task.WhenAll(running.Values);
    }

    private void CancelAll() => Interlocked.Exchange(ref stopping, new CancellationTokenSource()).Cancel();

    private async Task RunAsync(TimeSpan delay, Func<CancellationToken, Task> work, CancellationToken stop, CancellationToken cancel)
    {
        await Task.Yield();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, cancel);
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, linked.Token);
            }

            await work(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Reset, stop, or the end user decided first.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Scheduled sandbox work failed");
        }
    }
}
