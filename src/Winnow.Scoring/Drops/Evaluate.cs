using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Simulation.Drops;

namespace Winnow.Scoring.Drops;

/// <summary>Held-out results of a classifier: accuracy, confusion matrix, per-flag ROC with AUC and the rates at the tuned thresholds.</summary>
public sealed record DropsEvaluation(double Accuracy, int[,] Confusion, Dictionary<string, List<RocPoint>> Roc, Dictionary<string, double> Auc, Dictionary<string, RocPoint> AtThreshold)
{
    /// <summary>As JSON for the model card and --json output.</summary>
    public JsonObject ToJson()
    {
        var confusion = new JsonObject();
        for (var t = 0; t < 4; t++)
        {
            var row = new JsonObject();
            for (var p = 0; p < 4; p++) row[DropClasses.Names[p]] = Confusion[t, p];
            confusion[DropClasses.Names[t]] = row;
        }
        var flags = new JsonObject();
        foreach (var (cls, point) in AtThreshold)
            flags[Thresholds.Flags[cls]] = new JsonObject { ["threshold"] = point.Threshold, ["tpr"] = point.TruePositiveRate, ["fpr"] = point.FalsePositiveRate, ["auc"] = Auc[cls] };
        return new JsonObject { ["accuracy"] = Accuracy, ["confusion_true_by_predicted"] = confusion, ["flags"] = flags };
    }
}

/// <summary>Evaluation of drop classifiers on labelled sets.</summary>
public static class DropsEvaluate
{
    /// <summary>Scores probabilities [N × 4] against labels with the given flag thresholds and class weights (null: plain argmax).</summary>
    public static DropsEvaluation Evaluate(float[] probabilities, int[] labels, IReadOnlyDictionary<string, double> thresholds, IReadOnlyList<double>? classWeights = null)
    {
        var confusion = new int[4, 4];
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var best = ClassDecision.Decide(probabilities.AsSpan(i * 4, 4), classWeights);
            confusion[labels[i], best]++;
            if (best == labels[i]) correct++;
        }
        var roc = new Dictionary<string, List<RocPoint>>();
        var auc = new Dictionary<string, double>();
        var at = new Dictionary<string, RocPoint>();
        foreach (var name in Thresholds.Flags.Keys)
        {
            var c = DropClasses.Names.ToList().IndexOf(name);
            var scores = Enumerable.Range(0, labels.Length).Select(i => (double)probabilities[i * 4 + c]).ToList();
            var truth = labels.Select(l => l == c).ToList();
            roc[name] = Thresholds.Roc(scores, truth);
            auc[name] = Thresholds.Auc(roc[name]);
            at[name] = Thresholds.At(scores, truth, thresholds.TryGetValue(name, out var t) ? t : 0.5);
        }
        return new DropsEvaluation(labels.Length == 0 ? 0 : (double)correct / labels.Length, confusion, roc, auc, at);
    }
}
