using System.Text.Json.Nodes;
using Winnow.Scoring.Common;

namespace Winnow.Scoring.Drops;

/// <summary>
/// Sets a drops model's test-time augmentation and re-tunes its crystal and clear thresholds on validation images
/// scored the same way: thresholds tuned on single-view probabilities would not keep their true-positive rate on
/// averaged ones (averaging pulls probabilities towards the middle).
/// </summary>
public static class DropsCalibrate
{
    /// <summary>What calibration found: the thresholds and the validation metrics with them.</summary>
    public sealed record Report(Dictionary<string, double> Thresholds, DropsEvaluation Validation);

    /// <summary>Scores <paramref name="validation"/> (described by <paramref name="validationData"/>) with <paramref name="testTimeAugmentation"/>, tunes the thresholds and saves both into the card.</summary>
    public static Report Run(string weights, DropImageSet validation, string validationData, string testTimeAugmentation, double targetTpr, string command)
    {
        var card = ModelFiles.LoadCard(weights);
        card.TestTimeAugmentation = testTimeAugmentation;
        // The scorer refuses validation images decoded at another size or framing than the card says.
        // Scored with the changed card in memory; the file is written once, only when everything has worked.
        float[] probabilities;
        using (var scorer = DropsScorer.Open(weights, card: card)) probabilities = scorer.Probabilities(validation);
        var thresholds = Thresholds.Tune(probabilities, validation.Labels, card.Classes, targetTpr);
        card.Thresholds = thresholds;
        card.Postprocessing["thresholds"] = new JsonObject
        {
            ["command"] = command,
            ["tuned_on"] = validationData,
            ["target_tpr"] = targetTpr,
            ["test_time_augmentation"] = testTimeAugmentation,
        };
        card.Save(ModelFiles.CardPath(weights));
        return new Report(thresholds, DropsEvaluate.Evaluate(probabilities, validation.Labels, thresholds));
    }
}
