using Winnow.Pipeline.Watch;

namespace Winnow.Pipeline.Tests.Watch;

/// <summary>When an inspection counts as complete: no file changed for the quiet period; each file handed out once.</summary>
public sealed class SettleTrackerTests
{
    private static readonly DateTime T0 = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    private static Dictionary<string, IReadOnlyList<SeenFile>> Scan(params (string Key, string Path, long Size, DateTime Written)[] files) =>
        files.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<SeenFile>)g.Select(f => new SeenFile(f.Path, f.Size, f.Written)).ToList());

    [Fact]
    public void An_inspection_waits_until_its_newest_file_is_older_than_the_quiet_period()
    {
        var tracker = new SettleTracker(TimeSpan.FromSeconds(60));
        var scan = Scan(("A", "a1", 10, T0), ("A", "a2", 10, T0.AddSeconds(30)), ("B", "b1", 10, T0));
        var first = tracker.Settled(scan, T0.AddSeconds(70)); // a2 is 40 s old: A waits; B is 70 s old
        Assert.Equal(["B"], first.Keys);
        Assert.Equal(1, SettleTracker.Waiting(scan, T0.AddSeconds(70), TimeSpan.FromSeconds(60)));

        var second = tracker.Settled(scan, T0.AddSeconds(95));
        Assert.Equal(["A"], second.Keys);
        Assert.Equal(["a1", "a2"], second["A"].Select(f => f.Path));
        Assert.Empty(tracker.Settled(scan, T0.AddSeconds(200))); // nothing new
    }

    [Fact]
    public void A_file_added_or_rewritten_later_is_handed_out_again_once_the_inspection_settles_again()
    {
        var tracker = new SettleTracker(TimeSpan.FromSeconds(60));
        Assert.Single(tracker.Settled(Scan(("A", "a1", 10, T0)), T0.AddMinutes(2)));
        var grown = Scan(("A", "a1", 10, T0), ("A", "a2", 5, T0.AddMinutes(3)), ("A", "a1x", 20, T0.AddMinutes(3)));
        Assert.Empty(tracker.Settled(grown, T0.AddMinutes(3.5)));
        var again = tracker.Settled(grown, T0.AddMinutes(4.5));
        Assert.Equal(["a2", "a1x"], again["A"].Select(f => f.Path));
    }
}
