using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Winnow.Store.Tests.Postgres;

/// <summary>
/// A real PostgreSQL server for the tests: a fresh cluster in a temp folder on a free loopback port, stopped and
/// deleted at the end. As root it runs initdb and pg_ctl as the postgres user, since PostgreSQL refuses root.
/// It never skips: when the server cannot start, every test that needs it fails with the reason.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _root;
    private string? _bin;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _root = Directory.CreateTempSubdirectory("winnow-pg-").FullName;
        var sockets = Path.Combine(_root, "sockets");
        Directory.CreateDirectory(sockets);
        if (Environment.IsPrivilegedProcess)
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true);
        Port = FreePort();
        var options = $"-p {Port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], asPostgres: true);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
            return;
        try
        {
            if (_bin is not null && Directory.Exists(DataDir))
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string DataDir => Path.Combine(_root!, "data");

    private string LogFile => Path.Combine(_root!, "server.log");

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("WINNOW_PG_BIN") is { Length: > 0 } fromEnvironment)
            candidates.Add(fromEnvironment);
        candidates.Add("/usr/lib/postgresql/15/bin");
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; install them with " +
                "`apt-get install -y --no-install-recommends postgresql` (scripts/setup.sh test does) or set WINNOW_PG_BIN.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program })
                info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
            throw new InvalidOperationException(
                $"PostgreSQL test server: `{program} {string.Join(' ', arguments)}` exited with {process.ExitCode}.\n" +
                $"{await output}\n{await error}\nserver log:\n{log}");
        }
    }
}

/// <summary>Test classes in this collection share one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
