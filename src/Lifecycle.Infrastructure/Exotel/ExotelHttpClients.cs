using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Refit;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>How every typed Exotel client is registered: base URL, authentication, and one resilience pipeline.</summary>
internal static class ExotelHttpClients
{
    /// <summary>
    /// Registers a source-generated Refit client for <typeparamref name="TApi"/> at the base URL chosen from
    /// <see cref="ExotelEndpoints"/> (the sandbox's in Sandbox mode), authenticated by <typeparamref name="TAuth"/>.
    /// Reads (GET) get the ordinary transient retries; a POST is retried only when Exotel clearly refused it, and an
    /// unknown outcome surfaces as <see cref="Lifecycle.Application.Common.Errors.ProviderOutcomeUnknownException"/>
    /// (<see cref="ExotelAttempt"/>, ADR 0006).
    /// </summary>
    public static IHttpClientBuilder AddExotelClient<TApi, TAuth>(this IServiceCollection services, Func<ExotelEndpoints, string> baseUrl)
        where TApi : class
        where TAuth : DelegatingHandler
    {
        var builder = services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient((provider, client) =>
                client.BaseAddress = new Uri(baseUrl(provider.GetRequiredService<ExotelEndpointResolver>().Endpoints)))
            .AddHttpMessageHandler(() => new ExotelOutcomeHandler())
            .AddHttpMessageHandler<TAuth>();
        builder.AddResilienceHandler("exotel", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ExotelOptions>>().Value.Resilience;

            // Back-off between HTTP attempts is transport timing inside one dispatch, so it runs on the wall clock;
            // what is due and when the outbox retries is decided by the injected TimeProvider.
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : ShouldRetry,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldRetryAfterHeader = true,
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakOnFailureRatio,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    private static readonly Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> TransientRead = new HttpRetryStrategyOptions().ShouldHandle;

    /// <summary>
    /// A read again on any transient failure; anything else only on a clear refusal — an attempt timeout or a reset
    /// after the request was written may already have sent the SMS or placed the call.
    /// </summary>
    private static async ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ExotelAttempt.IsRepeatable(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())
            ? await TransientRead(args)
            : await ExotelAttempt.JudgeAsync(args.Outcome) == AttemptVerdict.Refused && args.Outcome.Exception is not BrokenCircuitException;
}

/// <summary>HTTP Basic <c>api_key:api_token</c>, as the v1 and v2 APIs expect.</summary>
internal sealed class ExotelBasicAuth(IOptionsMonitor<ExotelOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = Basic(options.CurrentValue.ApiKey, options.CurrentValue.ApiToken);
        return base.SendAsync(request, cancellationToken);
    }

    public static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
}

/// <summary>HTTP Basic <c>application_id:secret</c>, as Exotel Verify expects.</summary>
internal sealed class ExotelVerifyAuth(IOptionsMonitor<ExotelOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = ExotelBasicAuth.Basic(options.CurrentValue.Verify.ApplicationId, options.CurrentValue.Verify.ApplicationSecret);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary><c>X-API-Key</c>, as CQA expects.</summary>
internal sealed class CqaApiKeyAuth(IOptionsMonitor<ExotelOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-API-Key");
        request.Headers.Add("X-API-Key", options.CurrentValue.Cqa.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// The base URLs the clients use: the configured ones in Live mode; in Sandbox mode, the in-process sandbox's
/// address for all four, set once the sandbox has started.
/// </summary>
public sealed class ExotelEndpointResolver(IOptions<ExotelOptions> options)
{
    private ExotelEndpoints? sandbox;

    public ExotelEndpoints Endpoints => sandbox ?? options.Value.Endpoints;

    public void UseSandbox(string baseUrl) =>
        sandbox = new ExotelEndpoints { Api = baseUrl, Ccm = baseUrl, Verify = baseUrl, Cqa = baseUrl };
}
