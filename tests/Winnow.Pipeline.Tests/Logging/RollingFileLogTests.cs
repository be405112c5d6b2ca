using Winnow.Pipeline.Logging;

namespace Winnow.Pipeline.Tests.Logging;

public sealed class RollingFileLogTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void The_log_rolls_over_at_its_size_and_keeps_only_the_newest_files()
    {
        var path = Path.Combine(_temp.Path, "logs", "winnow.log");
        using (var log = new RollingFileLog(path, maxBytes: 1000, keep: 2))
        {
            for (var i = 0; i < 100; i++)
                log.Information($"line {i:000} {new string('x', 40)}");
        }
        var files = Directory.GetFiles(Path.Combine(_temp.Path, "logs")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["winnow.1.log", "winnow.2.log", "winnow.log"], files);
        Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(_temp.Path, "logs", f)).Length <= 1000));
        var current = File.ReadAllLines(path);
        Assert.EndsWith($"[INF] line 099 {new string('x', 40)}", current[^1]);
        var older = File.ReadAllLines(Path.Combine(_temp.Path, "logs", "winnow.1.log"));
        var lineOf = (string l) => int.Parse(l.Split(' ')[3]);
        Assert.Equal(lineOf(current[0]) - 1, lineOf(older[^1]));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(_temp.Path, "logs", "winnow.2.log")), l => l.Contains("line 000"));
    }

    [Fact]
    public void Reopening_appends_and_levels_are_tagged()
    {
        var path = Path.Combine(_temp.Path, "w.log");
        using (var log = new RollingFileLog(path))
            log.Warning("first");
        using (var log = new RollingFileLog(path))
            log.Error("second");
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("[WRN] first", lines[0]);
        Assert.EndsWith("[ERR] second", lines[1]);
    }

    public void Dispose() => _temp.Dispose();
}
