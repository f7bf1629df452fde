using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// A statement queued on the context (the inbox processor's savepoint per event) goes out with the next command: a
/// query still reads its own rows, a save still counts its own rows, and the statement took effect either way.
/// </summary>
public abstract class StatementAheadTests(StoreKind kind) : AppPerTest(kind)
{
    [Fact]
    public async Task A_query_carries_the_statement_and_still_reads_its_rows()
    {
        var message = await Arrange.SmsAsync(App, await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding), $"SM{Guid.NewGuid():N}");

        var (found, statusAfterRollback) = await App.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.StatementAhead = "SAVEPOINT probe";
            var read = await db.OutboundMessages.AsNoTracking().SingleAsync(row => row.ProviderId == message.ProviderId);
            Assert.Null(db.StatementAhead);
            await db.OutboundMessages.Where(row => row.Id == message.Id).ExecuteUpdateAsync(set => set.SetProperty(row => row.Status, MessageStatus.Failed));
            await db.Database.ExecuteSqlRawAsync("ROLLBACK TO SAVEPOINT probe");
            return (read, (await db.OutboundMessages.AsNoTracking().SingleAsync(row => row.Id == message.Id)).Status);
        });

        Assert.Equal(message.Id, found.Id);
        Assert.Equal(message.Status, statusAfterRollback);
    }

    [Fact]
    public async Task A_save_goes_after_the_statement_and_counts_only_its_own_rows()
    {
        var message = await Arrange.SmsAsync(App, await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding), $"SM{Guid.NewGuid():N}");

        var (saved, statusAfterRollback) = await App.QueryAsync(async db =>
        {
            // As the inbox processor saves: EF's own savepoint around the save would be released with the queued one.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tracked = await db.OutboundMessages.SingleAsync(row => row.Id == message.Id);
            tracked.Advance(MessageStatus.Delivered, "DELIVERED_TO_HANDSET", App.Clock.GetUtcNow());
            db.StatementAhead = "SAVEPOINT probe";
            // The version check reads the save's own row count: a statement in front of it would be counted as a conflict.
            var rows = await db.SaveChangesAsync();
            Assert.Null(db.StatementAhead);
            await db.Database.ExecuteSqlRawAsync("ROLLBACK TO SAVEPOINT probe");
            return (rows, (await db.OutboundMessages.AsNoTracking().SingleAsync(row => row.Id == message.Id)).Status);
        });

        Assert.Equal(1, saved);
        Assert.Equal(message.Status, statusAfterRollback);
    }
}

public sealed class StatementAheadOnSqlite() : StatementAheadTests(StoreKind.Sqlite);

public sealed class StatementAheadOnPostgres() : StatementAheadTests(StoreKind.Postgres);
