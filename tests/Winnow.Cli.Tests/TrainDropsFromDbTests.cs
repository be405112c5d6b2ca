using System.Text.Json.Nodes;
using Winnow.TestSupport;

namespace Winnow.Cli.Tests;

public class TrainDropsFromDbTests
{
    [Fact]
    public void FineTunesOnTheHumanLabelsInTheStoreWithABeforeAfterReport()
    {
        using var dir = new TempDirectory();
        var db = dir.File("winnow.db");
        Assert.Equal(0, ProcessRunner.Winnow("ingest", SharedData.Path("drops"), "--job", "drops", "--db", db).Code);

        var empty = ProcessRunner.Winnow("train", "drops", "--from-db", "--db", db, "--epochs", "1", "--out", dir.File("none.safetensors"));
        Assert.NotEqual(0, empty.Code);
        Assert.Contains("no drop photographs have human scores", empty.Err);

        var csv = dir.File("labels.csv");
        var rows = SharedData.Reference
            .Where(kv => kv.Key.StartsWith("drops/") && kv.Value!["label"]!.GetValue<string>() != "unlabelled")
            .Select(kv => $"{SharedData.Path(kv.Key)},{kv.Value!["label"]!.GetValue<string>()},curator,2026-11-20T10:00:00Z");
        File.WriteAllLines(csv, ["image,class,scorer,time", .. rows]);
        Assert.Equal(0, ProcessRunner.Winnow("import-scores", csv, "--db", db).Code);

        var output = dir.File("tuned.safetensors");
        var (code, stdout, stderr) = ProcessRunner.Winnow("train", "drops", "--from-db", "--db", db, "--epochs", "1", "--out", output, "--json");
        Assert.True(code == 0, stderr);
        var report = JsonNode.Parse(stdout)!.AsObject();
        Assert.NotNull(report["before"]!["accuracy"]);
        Assert.NotNull(report["after"]!["accuracy"]);
        Assert.True(File.Exists(output));
        var card = JsonNode.Parse(File.ReadAllText(dir.File("tuned.card.json")))!.AsObject();
        Assert.Contains("--from-db", card["training"]!["command"]!.GetValue<string>());
        // The shipped model it started from, and how that was trained, so the card says how to rebuild the start too.
        Assert.Matches("^[0-9a-f]{64}$", card["training"]!["base_model"]!.GetValue<string>());
        Assert.StartsWith("winnow train drops", card["training"]!["base_training"]!["command"]!.GetValue<string>());
        Assert.Equal(9, card["training"]!["train"]!.GetValue<int>() + card["training"]!["validation"]!.GetValue<int>() + card["training"]!["test"]!.GetValue<int>());
    }
}
