namespace Winnow.Store;

/// <summary>Who gave a score: a person or a model.</summary>
public enum ScorerKind
{
    /// <summary>A person, named by the scorer id.</summary>
    Human,
    /// <summary>A model, named by the content hash of its weights.</summary>
    Machine,
}

/// <summary>Names of scorer kinds as stored.</summary>
internal static class ScorerKindNames
{
    public static string Name(this ScorerKind kind) => kind == ScorerKind.Human ? "human" : "machine";

    public static ScorerKind Parse(string name) => name switch
    {
        "human" => ScorerKind.Human,
        "machine" => ScorerKind.Machine,
        _ => throw new InvalidDataException($"The database holds an unknown scorer kind '{name}'."),
    };
}
