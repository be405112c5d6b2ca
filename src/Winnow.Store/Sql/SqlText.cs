namespace Winnow.Store.Sql;

/// <summary>SQL that both engines run as written: standard SQL, named @parameters, ON CONFLICT and RETURNING.</summary>
internal static class SqlText
{
    public const string ImageColumns =
        "i.id, i.inspection_id, i.job, i.path, i.sha256, i.metadata, i.status, i.failure_reason, i.created_at";

    public const string InspectionColumns = "id, job, key, name, layout, source, metadata, created_at";

    public const string ScoreColumns = "id, image_id, scorer_kind, scorer, class, probabilities, value, scored_at, run_id";

    public const string RunColumns =
        "id, kind, job, model_id, state, images_done, images_failed, message, started_at, finished_at";

    public const string InsertInspection = """
        INSERT INTO inspection (job, key, name, layout, source, metadata, created_at)
        VALUES (@job, @key, @name, @layout, @source, @metadata, @now)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    public const string FindInspection = "SELECT id FROM inspection WHERE job = @job AND key = @key";

    public const string InsertImage = """
        INSERT INTO image (inspection_id, job, path, sha256, metadata, created_at)
        VALUES (@inspection, @job, @path, @sha256, @metadata, @now)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Inserts one score; the partial unique indexes turn a repeat into nothing.</summary>
    public const string InsertScore = """
        INSERT INTO score (image_id, scorer_kind, scorer, class, probabilities, value, scored_at, run_id)
        VALUES (@image, @kind, @scorer, @class, @probabilities, @value, @at, @run)
        ON CONFLICT DO NOTHING
        """;

    public const string Unscored = $"""
        SELECT {ImageColumns} FROM image i
        WHERE i.job = @job AND i.status = 'ok'
          AND NOT EXISTS (SELECT 1 FROM score s WHERE s.image_id = i.id AND s.scorer_kind = 'machine' AND s.scorer = @model)
        ORDER BY i.id
        LIMIT @limit
        """;

    /// <summary>Latest human and latest machine score per image, where the classes differ.</summary>
    public const string Disagreements = $"""
        WITH h AS (
            SELECT {ScoreColumns}, ROW_NUMBER() OVER (PARTITION BY image_id ORDER BY scored_at DESC, id DESC) AS rn
            FROM score WHERE scorer_kind = 'human'),
        m AS (
            SELECT {ScoreColumns}, ROW_NUMBER() OVER (PARTITION BY image_id ORDER BY scored_at DESC, id DESC) AS rn
            FROM score WHERE scorer_kind = 'machine')
        SELECT {ImageColumns},
               h.id, h.image_id, h.scorer_kind, h.scorer, h.class, h.probabilities, h.value, h.scored_at, h.run_id,
               m.id, m.image_id, m.scorer_kind, m.scorer, m.class, m.probabilities, m.value, m.scored_at, m.run_id
        FROM image i
        JOIN h ON h.image_id = i.id AND h.rn = 1
        JOIN m ON m.image_id = i.id AND m.rn = 1
        WHERE h.class <> m.class AND (h.scored_at >= @since OR m.scored_at >= @since)
        ORDER BY i.id
        """;

    /// <summary>Readable images of a job with their latest human label: the training set people have built up.</summary>
    public const string HumanLabels = $"""
        WITH h AS (
            SELECT image_id, class, ROW_NUMBER() OVER (PARTITION BY image_id ORDER BY scored_at DESC, id DESC) AS rn
            FROM score WHERE scorer_kind = 'human')
        SELECT {ImageColumns}, h.class
        FROM image i JOIN h ON h.image_id = i.id AND h.rn = 1
        WHERE i.job = @job AND i.status = 'ok'
        ORDER BY i.id
        """;

    /// <summary>Images by current label: the latest human score first, else the latest machine score.</summary>
    public const string ClassCounts = """
        WITH ranked AS (
            SELECT image_id, class, ROW_NUMBER() OVER (
                PARTITION BY image_id
                ORDER BY CASE scorer_kind WHEN 'human' THEN 0 ELSE 1 END, scored_at DESC, id DESC) AS rn
            FROM score)
        SELECT r.class, COUNT(*) FROM ranked r JOIN image i ON i.id = r.image_id
        WHERE r.rn = 1 AND i.status = 'ok'
        GROUP BY r.class ORDER BY r.class
        """;

    public const string ImageCounts = """
        SELECT
            (SELECT COUNT(*) FROM inspection),
            COUNT(*),
            COALESCE(SUM(CASE WHEN i.status = 'failed' THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN i.status = 'ok' AND EXISTS (SELECT 1 FROM score s WHERE s.image_id = i.id) THEN 1 ELSE 0 END), 0)
        FROM image i
        """;
}
