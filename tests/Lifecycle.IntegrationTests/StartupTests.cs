using System.Diagnostics;

namespace Lifecycle.IntegrationTests;

/// <summary>The service started as a real process, the way an operator starts it.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Api__Keys__0", "short", "Api:Keys[0]")]
    [InlineData("Webhooks__PublicBaseUrl", "not a url", "Webhooks:PublicBaseUrl")]
    [InlineData("Lifecycle__Churn__InactivityDays", "0", "Lifecycle:Churn:InactivityDays")]
    [InlineData("Lifecycle__Churn__WinBackAfter", "00:00:00", "Lifecycle:Churn:WinBackAfter")]
    [InlineData("Lifecycle__Activation__VoicebotAfter", "-01:00:00", "Lifecycle:Activation:VoicebotAfter")]
    [InlineData("Lifecycle__Scan__Cron", "every night", "Lifecycle:Scan:Cron")]
    [InlineData("Lifecycle__Campaigns__SegmentSyncCron", "0 0 25 * * ?", "Lifecycle:Campaigns:SegmentSyncCron")]
    [InlineData("Lifecycle__Verify__ResendAfter", "00:02:00", "Lifecycle:Verify:ResendAfter")]
    [InlineData("Lifecycle__Outbox__MaxAttempts", "0", "Lifecycle:Outbox:MaxAttempts")]
    [InlineData("Lifecycle__Inbox__UnmatchedAfterAttempts", "0", "Lifecycle:Inbox:UnmatchedAfterAttempts")]
    [InlineData("Lifecycle__Inbox__UnmatchedAfterAttempts", "21", "Lifecycle:Inbox:UnmatchedAfterAttempts")]
    [InlineData("Exotel__Dlt__EntityId", "", "Exotel:Dlt:EntityId")]
    [InlineData("Exotel__VoiceOtp__Flow", "", "Exotel:VoiceOtp:Flow")]
    [InlineData("Exotel__Voicebot__Flows__win_back", "", "Exotel:Voicebot:Flows:win_back")]
    [InlineData("Lifecycle__Voicebot__UnansweredBeforeTicket", "0", "Lifecycle:Voicebot:UnansweredBeforeTicket")]
    [InlineData("Lifecycle__Voice__RetryAfter", "00:00:00", "Lifecycle:Voice:RetryAfter")]
    [InlineData("Lifecycle__Cqa__TriggerRetentionCampaign", "101", "Lifecycle:Cqa:TriggerRetentionCampaign")]
    [InlineData("Lifecycle__Cqa__FlagForQaReview", "40", "Lifecycle:Cqa:FlagForQaReview")]
    [InlineData("Lifecycle__Cqa__AutoCloseResolved", "60", "Lifecycle:Cqa:AutoCloseResolved")]
    [InlineData("Lifecycle__Cqa__MaxReingests", "-1", "Lifecycle:Cqa:MaxReingests")]
    [InlineData("Lifecycle__Cqa__CallbackAfter", "00:00:00", "Lifecycle:Cqa:CallbackAfter")]
    [InlineData("Lifecycle__Cqa__FirstCallResolutionKpi", "", "Lifecycle:Cqa:FirstCallResolutionKpi")]
    [InlineData("Lifecycle__Cqa__CriticalKpis__0", " ", "Lifecycle:Cqa:CriticalKpis[0]")]
    [InlineData("Lifecycle__Chatbot__AgentSla", "00:00:00", "Lifecycle:Chatbot:AgentSla")]
    [InlineData("Lifecycle__Chatbot__StallAfter", "-00:10:00", "Lifecycle:Chatbot:StallAfter")]
    [InlineData("Notifications__activation_nudge__Sms__DltTemplateId", "", "Notifications:activation_nudge:Sms:DltTemplateId")]
    [InlineData("Notifications__win_back__Sms__Type", "loud", "Notifications:win_back:Sms:Type")]
    public async Task A_configuration_error_stops_the_start_and_names_the_key(string variable, string value, string named)
    {
        var (exitCode, errors) = await StartAsync(new() { [variable] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains("configuration is invalid", errors);
        Assert.Contains(named, errors);
        Assert.DoesNotContain("   at ", errors);
    }

    [Fact]
    public async Task An_outbox_lease_not_longer_than_exotels_total_request_time_stops_the_start_and_names_both_keys()
    {
        var (exitCode, errors) = await StartAsync(new()
        {
            ["Lifecycle__Outbox__Lease"] = "00:01:00",
            ["Exotel__Resilience__TotalTimeout"] = "00:01:00",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Lifecycle:Outbox:Lease", errors);
        Assert.Contains("Exotel:Resilience:TotalTimeout", errors);
    }

    private static async Task<(int ExitCode, string Errors)> StartAsync(Dictionary<string, string> overrides)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Lifecycle.Web.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__Lifecycle"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"lifecycle-start-{Guid.NewGuid():N}.db")}",
            ["Api__Keys__0"] = "a-production-key-of-some-length",
            ["Webhooks__PublicBaseUrl"] = "https://api.example.com",
            ["Webhooks__Secrets__Exotel__0"] = "exotel-secret-0123456789",
            ["Webhooks__Secrets__Cqa__0"] = "cqa-secret-0123456789",
            ["Exotel__AccountSid"] = "account",
            ["Exotel__ApiKey"] = "key",
            ["Exotel__ApiToken"] = "token",
            ["Exotel__SmsSender"] = "LFCYCL",
            ["Exotel__Dlt__EntityId"] = "1101000000000000001",
            ["Exotel__VirtualNumber"] = "+911140000000",
            ["Exotel__WhatsAppFrom"] = "+919100000000",
            ["Exotel__Verify__ApplicationId"] = "app",
            ["Exotel__Verify__ApplicationSecret"] = "secret",
            ["Exotel__Cqa__AccountId"] = "cqa",
            ["Exotel__Cqa__ApiKey"] = "cqa-key",
            ["Exotel__VoiceOtp__Flow"] = "voice-otp-flow",
            ["Lifecycle__Workers__Enabled"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The service did not stop on a bad configuration: {await output}");
        }

        return (process.ExitCode, await errors + await output);
    }
}
