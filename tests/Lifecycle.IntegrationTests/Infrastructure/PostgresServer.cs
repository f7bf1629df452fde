using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server owned by the test run: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c>
/// on a free loopback port, removed when the test process exits. Set <c>LIFECYCLE_TEST_POSTGRES</c> to a connection
/// string to use an existing server instead. Missing binaries fail the PostgreSQL tests loudly, never skip them.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnectionString = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public static string CreateDatabase()
    {
        var name = $"lifecycle_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(AdminConnectionString.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString.Value) { Database = name, Pooling = true }.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("LIFECYCLE_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return external;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL tests need the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin/initdb). "
                + "Install them with `apt-get install -y postgresql`, or set LIFECYCLE_TEST_POSTGRES to a connection string.");
        }

        var root = Directory.CreateTempSubdirectory("lifecycle-pg-").FullName;
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", root], asRoot: false);
        }

        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"], asRoot);
        Run(
            Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"],
            asRoot);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot, check: false);
            Directory.Delete(root, recursive: true);
        };

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private static void Run(string program, string[] arguments, bool asRoot, bool check = true)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
