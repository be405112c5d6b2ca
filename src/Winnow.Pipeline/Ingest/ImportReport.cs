namespace Winnow.Pipeline.Ingest;

/// <summary>What importing a CSV of human scores did: rows stored, rows already there, and each bad row with its line.</summary>
public sealed record ImportReport(string File, int Added, int AlreadyThere, IReadOnlyList<RowError> Errors);

/// <summary>A row that could not be imported: the file, its 1-based line number and what is wrong with it.</summary>
public sealed record RowError(string File, int Line, string Message)
{
    /// <summary>"scores.csv line 4: …", the form users see.</summary>
    public override string ToString() => $"{File} line {Line}: {Message}";
}
