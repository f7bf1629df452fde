using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Tests.Behaviors;

public class LoggingBehaviorTests
{
    private const string RawPhone = "+919876543210";
    private const string MaskedPhone = "+91******3210";

    private readonly CapturingLogger<LoggingBehavior<CorrelatedCommand, string>> logger = new();

    [Fact]
    public async Task Success_is_logged_at_debug_and_the_response_returned()
    {
        var probe = HandlerProbe<CorrelatedCommand, string>.Returning("done");

        var response = await Behavior().Handle(new CorrelatedCommand("SM1"), probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Equal(1, probe.Calls);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.StartsWith("CorrelatedCommand handled in ", entry.Message);
    }

    [Fact]
    public async Task Scope_names_the_message_and_its_correlation_id()
    {
        var probe = HandlerProbe<CorrelatedCommand, string>.Returning("done");

        await Behavior().Handle(new CorrelatedCommand("SM1"), probe.Next, CancellationToken.None);

        var scope = Assert.Single(logger.Scopes);
        Assert.Contains("Message=CorrelatedCommand", scope);
        Assert.Contains("CorrelationId=SM1", scope);
    }

    [Fact]
    public async Task Uncorrelated_message_opens_no_scope_but_is_still_traced()
    {
        var plainLogger = new CapturingLogger<LoggingBehavior<PlainCommand, string>>();
        var probe = HandlerProbe<PlainCommand, string>.Returning("done");

        var response = await new LoggingBehavior<PlainCommand, string>(plainLogger).Handle(new PlainCommand("x"), probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Empty(plainLogger.Scopes);
        Assert.StartsWith("PlainCommand handled in ", Assert.Single(plainLogger.Entries).Message);
    }

    [Fact]
    public async Task Below_debug_nothing_is_traced_but_the_correlation_scope_stays_and_failures_pass_through()
    {
        var quiet = new CapturingLogger<LoggingBehavior<CorrelatedCommand, string>>(LogLevel.Information);
        var failure = new InvalidOperationException("provider said no");

        var response = await new LoggingBehavior<CorrelatedCommand, string>(quiet)
            .Handle(new CorrelatedCommand("SM1"), HandlerProbe<CorrelatedCommand, string>.Returning("done").Next, CancellationToken.None);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new LoggingBehavior<CorrelatedCommand, string>(quiet)
            .Handle(new CorrelatedCommand("SM2"), HandlerProbe<CorrelatedCommand, string>.Throwing(failure).Next, CancellationToken.None));

        Assert.Equal("done", response);
        Assert.Same(failure, thrown);
        Assert.Empty(quiet.Entries);
        Assert.Equal(2, quiet.Scopes.Count);
        Assert.Contains("CorrelationId=SM2", quiet.Scopes[1]);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failure_is_only_a_debug_line_because_the_caller_that_catches_it_logs_it(Exception failure)
    {
        var probe = HandlerProbe<CorrelatedCommand, string>.Throwing(failure);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(
            async () => await Behavior().Handle(new CorrelatedCommand("SM1"), probe.Next, CancellationToken.None));

        Assert.Same(failure, thrown);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
        Assert.StartsWith($"CorrelatedCommand failed: {failure.GetType().Name}: {failure.Message} after ", entry.Message);
    }

    public static TheoryData<Exception> Failures() =>
    [
        new InvalidOperationException("provider said no"),
        new NotFoundException("User", "42"),
        new ProviderRecordPendingException("SMS", "SM1"),
    ];

    [Fact]
    public async Task Phone_number_in_the_correlation_id_is_masked()
    {
        var probe = HandlerProbe<CorrelatedCommand, string>.Returning("done");

        await Behavior().Handle(new CorrelatedCommand(RawPhone), probe.Next, CancellationToken.None);

        Assert.Contains($"CorrelationId={MaskedPhone}", Assert.Single(logger.Scopes));
        Assert.DoesNotContain(RawPhone, logger.AllText);
    }

    [Fact]
    public async Task Phone_number_in_the_exception_message_is_masked()
    {
        var probe = HandlerProbe<CorrelatedCommand, string>.Throwing(new InvalidOperationException($"Exotel refused {RawPhone}: DND"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await Behavior().Handle(new CorrelatedCommand(RawPhone), probe.Next, CancellationToken.None));

        Assert.Contains($"Exotel refused {MaskedPhone}: DND", Assert.Single(logger.Entries).Message);
        Assert.DoesNotContain(RawPhone, logger.AllText);
        Assert.DoesNotContain("9876543210", logger.AllText);
    }

    private LoggingBehavior<CorrelatedCommand, string> Behavior() => new(logger);
}
