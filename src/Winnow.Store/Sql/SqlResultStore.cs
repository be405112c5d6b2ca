using System.Data.Common;

namespace Winnow.Store.Sql;

/// <summary>
/// The store over one open connection, with the SQL both engines share; an engine adds its dialect and,
/// where it has a faster way, its own bulk insert of machine scores.
/// </summary>
internal abstract class SqlResultStore(DbConnection connection, SqlDialect dialect, int schemaVersion) : IResultStore
{
    protected DbConnection Connection { get; } = connection;

    protected SqlDialect Dialect { get; } = dialect;

    public string Engine => Dialect.Engine;

    public int SchemaVersion { get; } = schemaVersion;

    /// <summary>Makes a command, its parameters given as name/value pairs (null becomes SQL NULL).</summary>
    protected DbCommand Command(string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            AddParameter(command, name, value);
        return command;
    }

    protected static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public async Task<long> AddInspectionAsync(NewInspection inspection, CancellationToken ct = default)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        long id;
        await using (var insert = Command(SqlText.InsertInspection, tx,
            ("@job", inspection.Job.Name()), ("@key", inspection.Key), ("@name", inspection.Name),
            ("@layout", inspection.Layout), ("@source", inspection.Source), ("@now", Dialect.Time(DateTimeOffset.UtcNow))))
        {
            Dialect.AddJson(insert, "@metadata", inspection.MetadataJson);
            var inserted = await insert.ExecuteScalarAsync(ct);
            if (inserted is not null and not DBNull)
            {
                id = Convert.ToInt64(inserted);
                await tx.CommitAsync(ct);
                return id;
            }
        }
        await using var find = Command(SqlText.FindInspection, tx, ("@job", inspection.Job.Name()), ("@key", inspection.Key));
        id = Convert.ToInt64(await find.ExecuteScalarAsync(ct));
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task<IReadOnlyList<InspectionRecord>> GetInspectionsAsync(CancellationToken ct = default)
    {
        await using var command = Command($"SELECT {SqlText.InspectionColumns} FROM inspection ORDER BY id", null);
        return await ReadAll(command, r => Rows.Inspection(r, Dialect), ct);
    }

    public async Task<int> AddImagesAsync(IReadOnlyList<NewImage> images, CancellationToken ct = default)
    {
        if (images.Count == 0)
            return 0;
        await using var tx = await Connection.BeginTransactionAsync(ct);
        await using var insert = Command(SqlText.InsertImage, tx,
            ("@inspection", 0L), ("@job", ""), ("@path", ""), ("@sha256", ""), ("@now", Dialect.Time(DateTimeOffset.UtcNow)));
        Dialect.AddJson(insert, "@metadata", "{}");
        await insert.PrepareAsync(ct);
        var added = 0;
        foreach (var image in images)
        {
            insert.Parameters["@inspection"].Value = image.InspectionId;
            insert.Parameters["@job"].Value = image.Job.Name();
            insert.Parameters["@path"].Value = image.Path;
            insert.Parameters["@sha256"].Value = image.Sha256;
            insert.Parameters["@metadata"].Value = image.MetadataJson;
            added += await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return added;
    }

    public async Task<ImageRecord?> FindImageAsync(string pathOrHash, CancellationToken ct = default)
    {
        var byHash = IsSha256(pathOrHash);
        var sql = $"SELECT {SqlText.ImageColumns} FROM image i WHERE {(byHash ? "i.sha256" : "i.path")} = @key ORDER BY i.id LIMIT 1";
        await using var command = Command(sql, null, ("@key", byHash ? pathOrHash.ToLowerInvariant() : pathOrHash));
        var found = await ReadAll(command, r => Rows.Image(r, Dialect), ct);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<ImageRecord>> GetImagesAsync(long inspectionId, CancellationToken ct = default)
    {
        await using var command = Command(
            $"SELECT {SqlText.ImageColumns} FROM image i WHERE i.inspection_id = @inspection ORDER BY i.path", null,
            ("@inspection", inspectionId));
        return await ReadAll(command, r => Rows.Image(r, Dialect), ct);
    }

    public async Task<IReadOnlyList<ImageRecord>> GetUnscoredImagesAsync(JobKind job, string modelId, int limit, CancellationToken ct = default)
    {
        await using var command = Command(SqlText.Unscored, null, ("@job", job.Name()), ("@model", modelId), ("@limit", (long)limit));
        return await ReadAll(command, r => Rows.Image(r, Dialect), ct);
    }

    public async Task MarkImageFailedAsync(long imageId, string reason, CancellationToken ct = default)
    {
        await using var command = Command(
            "UPDATE image SET status = 'failed', failure_reason = @reason WHERE id = @id", null, ("@reason", reason), ("@id", imageId));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
            throw new ArgumentException($"There is no image {imageId} in the store to mark as failed.");
    }

    public async Task<bool> AddHumanScoreAsync(NewScore score, CancellationToken ct = default)
    {
        if (score.Kind != ScorerKind.Human)
            throw new ArgumentException("AddHumanScoreAsync takes human scores; machine scores go through AddMachineScoresAsync.");
        await using var command = Command(SqlText.InsertScore, null);
        BindScore(command, score);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<int> AddMachineScoresAsync(IReadOnlyList<NewScore> scores, CancellationToken ct = default)
    {
        foreach (var score in scores)
        {
            if (score.Kind != ScorerKind.Machine)
                throw new ArgumentException("AddMachineScoresAsync takes machine scores; human scores go through AddHumanScoreAsync.");
        }
        return scores.Count == 0 ? 0 : await BulkInsertScoresAsync(scores, ct);
    }

    /// <summary>Inserts scores in one transaction, skipping repeats; the default is one prepared statement.</summary>
    protected virtual async Task<int> BulkInsertScoresAsync(IReadOnlyList<NewScore> scores, CancellationToken ct)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        await using var insert = Command(SqlText.InsertScore, tx);
        BindScore(insert, scores[0]);
        await insert.PrepareAsync(ct);
        var added = 0;
        foreach (var score in scores)
        {
            SetScore(insert, score);
            added += await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return added;
    }

    private void BindScore(DbCommand command, NewScore score)
    {
        AddParameter(command, "@image", null);
        AddParameter(command, "@kind", null);
        AddParameter(command, "@scorer", null);
        AddParameter(command, "@class", null);
        AddParameter(command, "@value", null);
        AddParameter(command, "@at", null);
        AddParameter(command, "@run", null);
        Dialect.AddJson(command, "@probabilities", null);
        SetScore(command, score);
    }

    private void SetScore(DbCommand command, NewScore score)
    {
        var p = command.Parameters;
        p["@image"].Value = score.ImageId;
        p["@kind"].Value = score.Kind.Name();
        p["@scorer"].Value = score.Scorer;
        p["@class"].Value = score.Class;
        p["@value"].Value = score.Value is { } value ? value : DBNull.Value;
        p["@at"].Value = Dialect.Time(score.ScoredAt);
        p["@run"].Value = score.RunId is { } run ? run : DBNull.Value;
        p["@probabilities"].Value = (object?)Probabilities.Json(score.Probabilities) ?? DBNull.Value;
    }

    public async Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(long imageId, CancellationToken ct = default)
    {
        await using var command = Command(
            $"SELECT {SqlText.ScoreColumns} FROM score WHERE image_id = @image ORDER BY scored_at, id", null, ("@image", imageId));
        return await ReadAll(command, r => Rows.Score(r, Dialect), ct);
    }

    public async Task<ScoreRecord?> GetLatestScoreAsync(long imageId, ScorerKind kind, CancellationToken ct = default)
    {
        await using var command = Command(
            $"SELECT {SqlText.ScoreColumns} FROM score WHERE image_id = @image AND scorer_kind = @kind ORDER BY scored_at DESC, id DESC LIMIT 1",
            null, ("@image", imageId), ("@kind", kind.Name()));
        var found = await ReadAll(command, r => Rows.Score(r, Dialect), ct);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<Disagreement>> GetDisagreementsAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var command = Command(SqlText.Disagreements, null, ("@since", Dialect.Time(since)));
        return await ReadAll(command, r => new Disagreement(Rows.Image(r, Dialect), Rows.Score(r, Dialect, 9), Rows.Score(r, Dialect, 18)), ct);
    }

    public async Task<IReadOnlyList<(ImageRecord Image, string Class)>> GetHumanLabelsAsync(JobKind job, CancellationToken ct = default)
    {
        await using var command = Command(SqlText.HumanLabels, null, ("@job", job.Name()));
        return await ReadAll(command, r => (Rows.Image(r, Dialect), r.GetString(9)), ct);
    }

    public async Task RegisterModelAsync(ModelRecord model, CancellationToken ct = default)
    {
        await using var command = Command(
            "INSERT INTO model (id, job, name, card, created_at) VALUES (@id, @job, @name, @card, @at) ON CONFLICT DO NOTHING", null,
            ("@id", model.Id), ("@job", model.Job.Name()), ("@name", model.Name), ("@at", Dialect.Time(model.CreatedAt)));
        Dialect.AddJson(command, "@card", model.CardJson);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ModelRecord?> GetModelAsync(string id, CancellationToken ct = default)
    {
        await using var command = Command("SELECT id, job, name, card, created_at FROM model WHERE id = @id", null, ("@id", id));
        var found = await ReadAll(command, r => new ModelRecord(
            r.GetString(0), JobNames.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), Dialect.ReadTime(r, 4)), ct);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<bool> AddVoteAsync(long imageId, string voter, string @class, DateTimeOffset votedAt, CancellationToken ct = default)
    {
        await using var command = Command(
            "INSERT INTO vote (image_id, voter, class, voted_at) VALUES (@image, @voter, @class, @at) ON CONFLICT DO NOTHING", null,
            ("@image", imageId), ("@voter", voter), ("@class", @class), ("@at", Dialect.Time(votedAt)));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<VoteRecord>> GetVotesAsync(long imageId, CancellationToken ct = default)
    {
        await using var command = Command(
            "SELECT id, image_id, voter, class, voted_at FROM vote WHERE image_id = @image ORDER BY voted_at, id", null, ("@image", imageId));
        return await ReadAll(command, r => new VoteRecord(
            r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Dialect.ReadTime(r, 4)), ct);
    }

    public async Task<long> StartRunAsync(string kind, JobKind? job, string? modelId, CancellationToken ct = default)
    {
        await using var command = Command(
            "INSERT INTO run (kind, job, model_id, state, started_at) VALUES (@kind, @job, @model, 'running', @at) RETURNING id", null,
            ("@kind", kind), ("@job", job?.Name()), ("@model", modelId), ("@at", Dialect.Time(DateTimeOffset.UtcNow)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public async Task FinishRunAsync(long runId, RunState state, long imagesDone, long imagesFailed, string? message, CancellationToken ct = default)
    {
        await using var command = Command("""
            UPDATE run SET state = @state, images_done = @done, images_failed = @failed, message = @message, finished_at = @at
            WHERE id = @id
            """, null,
            ("@state", state.Name()), ("@done", imagesDone), ("@failed", imagesFailed), ("@message", message),
            ("@at", Dialect.Time(DateTimeOffset.UtcNow)), ("@id", runId));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
            throw new ArgumentException($"There is no run {runId} in the store to finish.");
    }

    public async Task<IReadOnlyList<RunRecord>> GetRecentRunsAsync(int count, CancellationToken ct = default)
    {
        await using var command = Command(
            $"SELECT {SqlText.RunColumns} FROM run ORDER BY started_at DESC, id DESC LIMIT @n", null, ("@n", (long)count));
        return await ReadAll(command, r => Rows.Run(r, Dialect), ct);
    }

    public async Task<StoreSummary> GetSummaryAsync(int recentRuns = 5, CancellationToken ct = default)
    {
        long inspections, images, failed, scored;
        await using (var counts = Command(SqlText.ImageCounts, null))
        await using (var r = await counts.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            inspections = Convert.ToInt64(r.GetValue(0));
            images = Convert.ToInt64(r.GetValue(1));
            failed = Convert.ToInt64(r.GetValue(2));
            scored = Convert.ToInt64(r.GetValue(3));
        }
        var classes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var byClass = Command(SqlText.ClassCounts, null))
        await using (var r = await byClass.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                classes[r.GetString(0)] = Convert.ToInt64(r.GetValue(1));
        }
        var runs = await GetRecentRunsAsync(recentRuns, ct);
        return new StoreSummary(inspections, images, scored, images - scored - failed, failed, classes, runs);
    }

    private static async Task<IReadOnlyList<T>> ReadAll<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(read(reader));
        return rows;
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    public virtual async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
