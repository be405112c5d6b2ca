using System.Text.Json.Nodes;
using Winnow.Scoring.Common;

namespace Winnow.Scoring.Drops;

/// <summary>
/// Sets a drops model's test-time augmentation and re-tunes its crystal and clear thresholds on validation images
/// scored the same way: thresholds tuned on single-view probabilities would not keep their true-positive rate on
/// averaged ones (averaging pulls probabilities towards the middle). Optionally it also fits the class weights of
/// the decision (<see cref="ClassDecision"/>) on the same validation images: a network trained on balanced classes
/// but asked to name what matters most in a mixture (crystals win) can lean towards one class a little.
/// </summary>
public static class DropsCalibrate
{
    /// <summary>What calibration found: the thresholds and the validation metrics with them.</summary>
    public sealed record Report(Dictionary<string, double> Thresholds, Dictionary<string, double> ClassWeights, double ArgmaxAccuracy, DropsEvaluation Validation, TileReport? Tiles);

    /// <summary>What the tile combiner's fit found: the whole's validation accuracy alone, the combiner's cross-validated accuracy and its penalty.</summary>
    public sealed record TileReport(double WholeAccuracy, double CrossValidated, double Ridge);

    /// <summary>
    /// Scores <paramref name="validation"/> (described by <paramref name="validationData"/>) with <paramref name="testTimeAugmentation"/>,
    /// with <paramref name="tiles"/> also in tiles (fitting the combiner; null: the whole only, decoded at the input side),
    /// tunes the thresholds and, with <paramref name="fitClassWeights"/>, the class weights (otherwise they are reset to
    /// plain argmax), and saves all into the card. <paramref name="precision"/> ("float32" or "bfloat16"; null: as the
    /// card has it) is what the network computes in, then and whenever the model scores.
    /// </summary>
    public static Report Run(string weights, DropImageSet validation, string validationData, string testTimeAugmentation, TileReading? tiles, double targetTpr, bool fitClassWeights, string command, string? precision = null)
    {
        var card = ModelFiles.LoadCard(weights);
        card.TestTimeAugmentation = testTimeAugmentation;
        if (precision is not null) card.InferencePrecision = precision == "float32" ? null : precision;
        card.Tiles = tiles;
        card.Name = TileReading.NameFor(card.Name, tiles);
        // The scorer refuses validation images decoded at another size or framing than the card says.
        // Scored with the changed card in memory; the file is written once, only when everything has worked.
        float[] probabilities;
        TileReport? tileReport = null;
        var k = card.Classes.Count;
        using (var scorer = DropsScorer.Open(weights, card: card))
        {
            if (tiles is null) probabilities = scorer.Probabilities(validation);
            else
            {
                var (whole, parts) = scorer.TileParts(validation);
                var fit = TileCombinerFit.Fit(TileFeatures.Of(whole, parts, k, tiles.Grid * tiles.Grid), validation.Labels, k);
                tiles.Combiner = fit.Weights;
                probabilities = tiles.Combine(whole, parts, k);
                tileReport = new TileReport(ClassDecision.Accuracy(whole, validation.Labels, k, null), fit.CrossValidatedAccuracy, fit.Ridge);
            }
        }
        var thresholds = Thresholds.Tune(probabilities, validation.Labels, card.Classes, targetTpr);
        card.Thresholds = thresholds;
        var classWeights = fitClassWeights ? ClassDecision.Fit(probabilities, validation.Labels, k) : null;
        card.ClassWeights = classWeights is null || classWeights.All(w => w == 1.0)
            ? new()
            : card.Classes.Select((c, i) => (c, classWeights[i])).ToDictionary(x => x.c, x => Math.Round(x.Item2, 4));
        card.Postprocessing["thresholds"] = new JsonObject
        {
            ["command"] = command,
            ["tuned_on"] = validationData,
            ["target_tpr"] = targetTpr,
            ["test_time_augmentation"] = testTimeAugmentation,
            ["inference_precision"] = card.InferencePrecision ?? "float32",
            ["tiles"] = tileReport is null ? "none (the whole image only)" : new JsonObject
            {
                ["grid"] = tiles!.Grid,
                ["magnification"] = tiles.Magnification,
                ["combiner"] = $"multinomial logistic regression on {string.Join(", ", TileFeatures.Names(card.Classes))}; fitted on the same validation images, L2 penalty {tileReport.Ridge} chosen by 5-fold cross-validation there",
                ["validation_accuracy_whole_only"] = Math.Round(tileReport.WholeAccuracy, 4),
                ["validation_accuracy_combined_cross_validated"] = Math.Round(tileReport.CrossValidated, 4),
            },
            ["class_weights"] = fitClassWeights ? "fitted on the same validation images (coordinate ascent on log-weights, ±1.5 in steps of 0.05)" : "none (argmax)",
        };
        card.Save(ModelFiles.CardPath(weights));
        var argmax = ClassDecision.Accuracy(probabilities, validation.Labels, k, null);
        return new Report(thresholds, card.ClassWeights, argmax, DropsEvaluate.Evaluate(probabilities, validation.Labels, thresholds, ClassDecision.WeightsOf(card)), tileReport);
    }
}
