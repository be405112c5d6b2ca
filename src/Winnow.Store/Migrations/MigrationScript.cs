using System.Reflection;

namespace Winnow.Store.Migrations;

/// <summary>One numbered SQL file of an engine's migrations, embedded in the assembly (Migrations/&lt;Engine&gt;/NNNN_name.sql).</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>An engine's migrations in version order; "sqlite" reads Migrations/Sqlite, "postgres" Migrations/Postgres.</summary>
    public static IReadOnlyList<MigrationScript> For(string engine)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var folder = engine == "sqlite" ? "Sqlite" : "Postgres";
        var prefix = $"Winnow.Store.Migrations.{folder}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file[..underscore], out var version))
                throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_name.sql.");
            scripts.Add(new MigrationScript(version, file[(underscore + 1)..], Read(assembly, resource)));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
                throw new InvalidOperationException($"{engine} migrations must be numbered 1, 2, 3… without gaps; found {scripts[i].Version} at place {i + 1}.");
        }
        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
