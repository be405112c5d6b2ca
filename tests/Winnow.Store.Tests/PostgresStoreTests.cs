using Npgsql;
using Winnow.Store.Tests.Postgres;

namespace Winnow.Store.Tests;

/// <summary>The store contract on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests
{
    private string _connectionString = "";

    protected override async Task<string> NewDatabaseAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        return _connectionString;
    }

    protected override string NowLiteral => "now()";

    protected override async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public void The_engine_is_postgres() => Assert.Equal("postgres", Store.Engine);

    [Fact]
    public async Task An_unreachable_server_is_one_clear_error_naming_the_fix()
    {
        var closed = $"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=does_not_exist;Password=secret";
        var error = await Assert.ThrowsAsync<IOException>(() => ResultStore.OpenAsync(closed));
        Assert.Contains("does_not_exist", error.Message);
        Assert.Contains("--db", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
