using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifecycle.Infrastructure.Common.Persistence;

public sealed class SqliteLifecycleDbContext(DbContextOptions<SqliteLifecycleDbContext> options) : LifecycleDbContext(options)
{
    internal override bool SupportsSkipLocked => false;

    internal override bool SupportsConcurrentWriters => false;

    /// <summary>SQLite cannot compare or order DateTimeOffset text; a UTC binary value sorts like the instant.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresLifecycleDbContext(DbContextOptions<PostgresLifecycleDbContext> options) : LifecycleDbContext(options)
{
    internal override bool SupportsSkipLocked => true;

    internal override bool SupportsConcurrentWriters => true;
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLifecycleDbContext>
{
    public SqliteLifecycleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLifecycleDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLifecycleDbContext>
{
    public PostgresLifecycleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLifecycleDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
