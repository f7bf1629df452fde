using Exotel.Sandbox;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Infrastructure.Verify;
using Microsoft.Extensions.Options;

namespace Lifecycle.Web.Composition;

/// <summary>
/// <c>Exotel:Mode=Sandbox</c>: starts the Exotel sandbox on a loopback port before anything can send, with our own
/// credentials and webhook secrets, and points every Exotel client at it. Its settings come from
/// <c>Exotel:Sandbox</c> (docs/sandbox.md).
/// </summary>
internal sealed partial class InProcessSandbox(
    IConfiguration configuration,
    IOptions<ExotelOptions> exotel,
    IOptions<WebhookOptions> webhooks,
    IOptions<VoiceOtpFlowOptions> voiceOtp,
    ExotelEndpointResolver endpoints,
    ILoggerFactory logs,
    ILogger<InProcessSandbox> logger) : IHostedLifecycleService, IAsyncDisposable
{
    public const string Section = "Exotel:Sandbox";

    private ExotelSandbox? sandbox;

    /// <summary>The running sandbox (its OTPs and recorded requests), once the host has started.</summary>
    public ExotelSandbox Sandbox => sandbox ?? throw new InvalidOperationException("The sandbox has not started yet.");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(Section).Get<SandboxOptions>() ?? new SandboxOptions();
        var account = exotel.Value;
        options.AccountSid = account.AccountSid;
        options.ApiKey = account.ApiKey;
        options.ApiToken = account.ApiToken;
        options.VerifyApplicationId = account.Verify.ApplicationId;
        options.VerifyApplicationSecret = account.Verify.ApplicationSecret;
        options.CqaAccountId = account.Cqa.AccountId;
        options.CqaApiKey = account.Cqa.ApiKey;
        // With callback tokens configured, Exotel's callbacks are unsigned and come to the token URLs we hand out: the
        // sandbox does the same, so that a first run takes the path a real deployment takes.
        var tokens = webhooks.Value.Tokens.Exotel;
        options.CallbackSecret = tokens.Length > 0 ? null : webhooks.Value.Secrets.Exotel.FirstOrDefault();
        options.WebhookToken ??= tokens.FirstOrDefault();
        options.CqaCallbackSecret = webhooks.Value.Secrets.Cqa[0];
        options.WebhookBaseUrl ??= webhooks.Value.PublicBaseUrl;

        // The voice OTP flow is, on Exotel, a Greeting applet reading our text URL: the sandbox plays it the same way.
        options.GreetingTextUrls[voiceOtp.Value.Flow] = webhooks.Value.PublicBaseUrl!.TrimEnd('/') + Endpoints.ExoMl.VoiceOtpTextRoute;
        options.LoggerFactory ??= logs;

        sandbox = await ExotelSandbox.StartAsync(options, cancellationToken);
        endpoints.UseSandbox(sandbox.BaseUrl);
        LogStarted(sandbox.BaseUrl);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
            sandbox = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exotel sandbox running in-process at {BaseUrl} (OTPs: {BaseUrl}/sandbox/otp/{{phone}})")]
    private partial void LogStarted(string baseUrl);
}
