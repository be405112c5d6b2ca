namespace Winnow.Store;

/// <summary>The four jobs Winnow scores; stored by their lower-case name.</summary>
public enum JobKind
{
    /// <summary>Crystallisation-drop photographs.</summary>
    Drops,
    /// <summary>X-ray detector images.</summary>
    Diffraction,
    /// <summary>Cryo-EM 2D class averages.</summary>
    Classes,
    /// <summary>Cryo-EM grid-square atlases.</summary>
    Squares,
}

/// <summary>Converts jobs to and from the names used in the database and on the command line.</summary>
public static class JobNames
{
    /// <summary>The name stored in the database: "drops", "diffraction", "classes", "squares".</summary>
    public static string Name(this JobKind job) => job switch
    {
        JobKind.Drops => "drops",
        JobKind.Diffraction => "diffraction",
        JobKind.Classes => "classes",
        JobKind.Squares => "squares",
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
    };

    /// <summary>Parses a job name; false when it is none of the four.</summary>
    public static bool TryParse(string? name, out JobKind job)
    {
        foreach (var candidate in Enum.GetValues<JobKind>())
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                job = candidate;
                return true;
            }
        }
        job = default;
        return false;
    }

    /// <summary>Parses a job name read back from the database.</summary>
    internal static JobKind Parse(string name) =>
        TryParse(name, out var job) ? job : throw new InvalidDataException($"The database holds an unknown job '{name}'.");
}
