using System.Text.Json.Nodes;
using Winnow.Scoring.Common;
using Winnow.Simulation.Diffraction;
using Winnow.Torch;

namespace Winnow.Scoring.Diffraction;

/// <summary>How the lattice stage fitted: shots used and its in-sample single-vs-multi accuracy next to the network's (not a
/// held-out figure; <c>winnow evaluate diffraction</c> gives that).</summary>
public sealed record CalibrationReport(int CrystalShots, int MultiShots, double NetworkAccuracy, double StageAccuracy, LatticeStage Stage, int ResolutionShots, int ResolutionKnots);

/// <summary>
/// <c>winnow calibrate diffraction</c>: fits the <see cref="LatticeStage"/> and the <see cref="ResolutionStage"/> of a
/// trained model on simulated shots of a seed of its own (neither the training seed nor the evaluation seed) and stores
/// them in the card.
/// </summary>
public static class Calibrate
{
    /// <summary>
    /// Simulates <paramref name="n"/> shots of <paramref name="seed"/>, runs the network, finds spots, fits the stage and
    /// saves it into the card; <paramref name="testTimeAugmentation"/> (none or dihedral8), when given, is set in the
    /// card first, so the stages are fitted on the outputs scoring will then produce.
    /// </summary>
    public static CalibrationReport Run(string weights, int n, int seed, int threads, Action<string> log, string? testTimeAugmentation = null)
    {
        var card = ModelFiles.LoadCard(weights);
        if (testTimeAugmentation is not null) card.TestTimeAugmentation = testTimeAugmentation;
        var views = TestTimeViews.Count(card);
        if (card.Training["seed"] is JsonNode trainSeed && trainSeed.GetValue<int>() == seed)
            throw new ArgumentException($"--seed {seed} is the seed the model was trained on; the lattice stage must see shots the network did not learn.");
        if (card.Metrics["seed"] is JsonNode evalSeed && evalSeed.GetValue<int>() == seed)
            throw new ArgumentException($"--seed {seed} is the seed of the held-out evaluation; fitting on it would tune on the test set.");
        torch.SetNumThreads(threads);
        log($"simulating {n} shots (seed {seed}) and finding their spots");
        var samples = SimulatedSet.Generate(seed, 0, n, DetectorChoice.Pilatus6M, card.Input.Width, Math.Max(1, Environment.ProcessorCount), null, card.Input.Channels, withSpots: true);
        using var model = DiffractionNet.ForInference(card, weights);
        log("running the network");
        // Fitted on what scoring will feed it: the network's outputs with the card's test-time augmentation.
        var network = Evaluate.Predict(model, samples.Select(s => s.Input).ToList(), views: views);
        var crystal = Enumerable.Range(0, samples.Length).Where(i => samples[i].Class != 0).ToList();
        var features = crystal.Select(i => LatticeStage.Features(network[i], samples[i].Spots!.Value)).ToList();
        var isMulti = crystal.Select(i => samples[i].Class == 2).ToList();
        var stage = LatticeStage.Fit(features, isMulti);
        double networkAccuracy = crystal.Count(i => (network[i].Probabilities[2] > network[i].Probabilities[1]) == (samples[i].Class == 2)) / (double)crystal.Count;
        double stageAccuracy = crystal.Count(i => (stage.MultiShare(network[i], samples[i].Spots!.Value) > 0.5) == (samples[i].Class == 2)) / (double)crystal.Count;
        // Both stages record how to redo them and which seed they saw (evaluate refuses that seed).
        JsonObject Provenance(string data) => new()
        {
            ["command"] = $"winnow calibrate diffraction --model {weights} --n {n} --seed {seed}",
            ["seed"] = seed,
            ["data"] = data,
        };
        var latticeProvenance = Provenance($"{n} simulated PILATUS3 6M stills, simulator seed {seed} (neither the training nor the evaluation seed); fitted on its {crystal.Count} crystal shots");
        latticeProvenance["in_sample_single_vs_multi_accuracy"] = Evaluate.Number(stageAccuracy, 4);
        latticeProvenance["network_in_sample_single_vs_multi_accuracy"] = Evaluate.Number(networkAccuracy, 4);
        card.Postprocessing[LatticeStage.CardKey] = stage.ToJson(latticeProvenance);
        var withResolution = crystal.Where(i => samples[i].HasResolution).ToList();
        var resolution = ResolutionStage.Fit(withResolution.Select(i => network[i].ResolutionA).ToList(), withResolution.Select(i => samples[i].ResolutionA).ToList());
        card.Postprocessing[ResolutionStage.CardKey] = resolution.ToJson(Provenance($"the same {n} shots: the {withResolution.Count} crystal shots with a resolution label"));
        card.Save(ModelFiles.CardPath(weights));
        return new CalibrationReport(crystal.Count, isMulti.Count(m => m), networkAccuracy, stageAccuracy, stage, withResolution.Count, resolution.LnPredicted.Length);
    }
}
