using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests;

/// <summary>Optimistic concurrency: a write based on a stale read of an aggregate is refused, on both providers.</summary>
public abstract class ConcurrencyTests(AppFixture fixture)
{
    private readonly LifecycleApp app = fixture.App;

    [Fact]
    public async Task A_write_based_on_a_stale_read_is_refused_as_a_conflict_and_changes_nothing()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var mine = (await first.ServiceProvider.GetRequiredService<IUserRepository>().FindAsync(user.Id, CancellationToken.None))!;
        var theirs = (await second.ServiceProvider.GetRequiredService<IUserRepository>().FindAsync(user.Id, CancellationToken.None))!;

        await second.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            _ =>
            {
                theirs.TransitionTo(LifecycleStage.AtRisk, "test:theirs", null, app.Clock.GetUtcNow());
                return ValueTask.FromResult(0);
            },
            eventKey: null,
            CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            first.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(
                _ =>
                {
                    mine.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);
                    return ValueTask.FromResult(0);
                },
                eventKey: null,
                CancellationToken.None));

        var stored = await app.InScopeAsync(services => services.GetRequiredService<IUserRepository>().FindAsync(user.Id, CancellationToken.None));
        Assert.Equal(LifecycleStage.AtRisk, stored!.Stage);
        Assert.False(stored.OptOutSms);
        Assert.IsType<Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException>(conflict.InnerException);
    }
}

public sealed class ConcurrencyOnSqlite(SqliteApp fixture) : ConcurrencyTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConcurrencyOnPostgres(PostgresApp fixture) : ConcurrencyTests(fixture), IClassFixture<PostgresApp>;
