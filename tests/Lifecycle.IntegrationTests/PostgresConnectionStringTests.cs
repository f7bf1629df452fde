using Lifecycle.Infrastructure.Common.Persistence;
using Npgsql;

namespace Lifecycle.IntegrationTests;

public class PostgresConnectionStringTests
{
    [Fact]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        var connection = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db;Database=lifecycle;Username=app"));

        Assert.Equal(PostgresConnectionString.MaxAutoPrepare, connection.MaxAutoPrepare);
        Assert.Equal(("db", "lifecycle", "app"), (connection.Host, connection.Database, connection.Username));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;max auto prepare=20", 20)]
    public void A_setting_of_its_own_is_kept(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(connectionString)).MaxAutoPrepare);
}
