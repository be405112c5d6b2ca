using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class EvaluateDropsCommandTests
{
    [Fact]
    public void ReportsTheSyntheticTestTheBaselineAndTheRealPhotographsAndSkipsAnUnreadableOne()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("cache");
        var weights = TinyDropsModel.Train(dir, cache);

        // The real photographs, plus one cut short: it must be named as unreadable while the others are scored.
        var real = Directory.CreateDirectory(dir.File("real")).FullName;
        var photographs = Directory.GetFiles(SharedData.Path("drops"));
        foreach (var f in photographs) File.Copy(f, Path.Combine(real, Path.GetFileName(f)));
        var whole = File.ReadAllBytes(photographs[0]);
        File.WriteAllBytes(Path.Combine(real, "cut_short.jpg"), whole[..(whole.Length / 3)]);

        var report = dir.File("report");
        var run = ProcessRunner.Winnow("evaluate", "drops", "--model", weights, "--start", "16", "--train", "24", "--val", "8", "--test", "8",
            "--real", real, "--reference", SharedData.Path("reference.json"), "--report", report, "--update-card", "--cache", cache, "--json");
        Assert.True(run.Code == 0, run.Err);
        var json = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal(json.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(report, "report.json")))!.ToJsonString());

        // Eight test photographs: the confusion matrix holds them all and the accuracy is what its diagonal says.
        foreach (var key in new[] { "synthetic_test", "baseline_synthetic_test" })
        {
            var confusion = json[key]!["confusion_true_by_predicted"]!.AsObject();
            var cells = confusion.SelectMany(row => row.Value!.AsObject().Select(c => (row.Key, c.Key, c.Value!.GetValue<int>()))).ToList();
            Assert.Equal(8, cells.Sum(c => c.Item3));
            Assert.Equal(cells.Where(c => c.Item1 == c.Item2).Sum(c => c.Item3) / 8.0, json[key]!["accuracy"]!.GetValue<double>(), 6);
        }
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(report, "roc.png"))[..4]);

        // The baseline was fitted on photographs 16–39 of seed 1, simulated once into the cache.
        Assert.Single(Directory.GetFiles(cache, "drops-seed1-from16-n24-s64.bin"));

        var labels = SharedData.Reference.Where(kv => kv.Key.StartsWith("drops/") && kv.Value!["label"]?.GetValue<string>() is { } l && l != "unlabelled").ToList();
        var realReport = json["real"]!.AsObject();
        Assert.Equal(labels.Count, realReport["labelled_count"]!.GetValue<int>());
        Assert.Equal(1, realReport["unreadable"]!.GetValue<int>());
        var unlabelled = realReport["unlabelled_distribution"]!.AsObject().Sum(kv => kv.Value!.GetValue<int>());
        Assert.Equal(photographs.Length - labels.Count, unlabelled);
        Assert.Contains("cut_short.jpg", run.Err);

        var card = JsonNode.Parse(File.ReadAllText(dir.File("m.card.json")))!.AsObject();
        Assert.Equal(json["synthetic_test"]!.ToJsonString(), card["metrics"]!["synthetic_test"]!.ToJsonString());
        Assert.Equal(realReport.ToJsonString(), card["metrics"]!["real_photographs"]!.ToJsonString());
    }
}
