using Lifecycle.Application.Cqa;
using Lifecycle.Application.Sms;
using System.Text;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Tests.Support;

namespace Lifecycle.Application.Tests.Behaviors;

public class AuthenticityBehaviorTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("SmsSid=SM1&Status=sent");

    [Fact]
    public async Task Authentic_webhook_goes_through_with_its_body_signature_and_token_checked()
    {
        var verifier = new FakeAuthenticator(valid: true);
        var probe = HandlerProbe<SignedCommand, string>.Returning("accepted");

        var response = await new AuthenticityBehavior<SignedCommand, string>(verifier)
            .Handle(new SignedCommand(SmsWebhook.Source, Body, "sig-1", "token-1"), probe.Next, CancellationToken.None);

        Assert.Equal("accepted", response);
        Assert.Equal(1, probe.Calls);
        var call = Assert.Single(verifier.Calls);
        Assert.Equal(SmsWebhook.Source, call.Source);
        Assert.Equal(Body, call.Body);
        Assert.Equal("sig-1", call.Signature);
        Assert.Equal("token-1", call.Token);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData(null)]
    public async Task Webhook_neither_signature_nor_token_proves_is_rejected_before_the_handler(string? signature)
    {
        var verifier = new FakeAuthenticator(valid: false);
        var probe = HandlerProbe<SignedCommand, string>.Returning("accepted");

        var rejected = await Assert.ThrowsAsync<WebhookSignatureRejectedException>(async () =>
            await new AuthenticityBehavior<SignedCommand, string>(verifier)
                .Handle(new SignedCommand(CqaWebhook.Source, Body, signature), probe.Next, CancellationToken.None));

        Assert.Contains("cqa", rejected.Message);
        Assert.Equal(0, probe.Calls);
        Assert.Single(verifier.Calls);
    }

    [Fact]
    public async Task Messages_that_are_not_webhooks_pass_without_consulting_the_verifier()
    {
        var verifier = new FakeAuthenticator(valid: false);
        var probe = HandlerProbe<PlainCommand, string>.Returning("done");

        var response = await new AuthenticityBehavior<PlainCommand, string>(verifier)
            .Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Equal(1, probe.Calls);
        Assert.Empty(verifier.Calls);
    }
}
