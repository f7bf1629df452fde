using FluentValidation;

namespace Lifecycle.Infrastructure.Common.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Database</c>: which store, and whether to migrate it at start-up.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; } = true;
}

internal sealed class DatabaseOptionsValidator : AbstractValidator<DatabaseOptions>
{
    public DatabaseOptionsValidator() =>
        RuleFor(options => options.Provider).IsInEnum().WithMessage("must be Sqlite or Postgres");
}
