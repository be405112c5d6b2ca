using Microsoft.Data.Sqlite;

namespace Winnow.Store.Tests;

/// <summary>The store contract on an SQLite file, plus what only SQLite has: WAL mode and the file path.</summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("winnow-sqlite-").FullName;
    private string _path = "";

    protected override Task<string> NewDatabaseAsync()
    {
        _path = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        return Task.FromResult(_path);
    }

    protected override string NowLiteral => "'2025-01-01T00:00:00.0000000Z'";

    protected override async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_file_is_created_in_WAL_mode()
    {
        Assert.True(File.Exists(_path));
        Assert.Equal("sqlite", Store.Engine);
        Assert.Equal("wal", await RawScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_missing_folder_is_one_clear_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => ResultStore.OpenAsync(Path.Combine(_folder, "no", "such.db")));
        Assert.Contains(Path.Combine(_folder, "no"), error.Message);
        Assert.Contains("--db", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
