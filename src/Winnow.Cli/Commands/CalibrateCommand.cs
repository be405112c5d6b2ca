using System.CommandLine;
using Winnow.Scoring.Common;
using Winnow.Scoring.Diffraction;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow calibrate diffraction --model W --n N --seed S`: fits the lattice stage (network log-odds + spot coherence →
/// single vs multi) on simulated shots of a seed of its own and stores it in the card.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Build()
    {
        var parent = new Command("calibrate", "Fit the stages after the network on simulated data of their own seed and store them in the model card.");
        var model = new Option<string?>("--model") { Description = "Weights file (NAME.safetensors beside NAME.card.json); the shipped default if left out." };
        var n = new Option<int>("--n") { Description = "Simulated shots to fit on.", DefaultValueFactory = _ => 1500 };
        var seed = new Option<int>("--seed") { Description = "Simulator seed; must differ from the training and the evaluation seed.", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var tta = new Option<string?>("--tta") { Description = "Set the card's test-time augmentation before fitting: none, or dihedral8 (network outputs averaged over the beam-centred square's 4 quarter-turns and mirror images; 8x the network time). Left out: keep the card's." };
        tta.AcceptOnlyFromAmong(TestTimeViews.None, TestTimeViews.Dihedral8);
        var diffraction = new Command("diffraction", "Fit the lattice stage (the network's single/multi log-odds with the spot count and lattice coherence of each shot) and the resolution stage (isotonic recalibration of d).")
        {
            model, n, seed, threads, tta,
        };
        diffraction.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(n) < 60) throw new ArgumentException("--n must be at least 60 (the stage needs single and multi shots to fit).");
            var weights = parse.GetValue(model) ?? ModelFiles.DefaultWeights("diffraction");
            var report = Calibrate.Run(weights, parse.GetValue(n), parse.GetValue(seed), parse.GetValue(threads), Console.WriteLine, parse.GetValue(tta));
            Console.WriteLine($"lattice stage fitted on {report.CrystalShots} crystal shots ({report.MultiShots} multi): single vs multi in sample " +
                $"{report.StageAccuracy:P1} (network alone {report.NetworkAccuracy:P1}); weights " +
                string.Join(", ", LatticeStage.FeatureNames.Zip(report.Stage.Weights, (f, w) => $"{f} {w:F3}")) +
                $"; resolution stage: {report.ResolutionKnots} isotonic knots from {report.ResolutionShots} shots. Card updated: {ModelFiles.CardPath(weights)}. Held-out figures: winnow evaluate diffraction.");
            return 0;
        }));
        parent.Subcommands.Add(diffraction);
        parent.Subcommands.Add(CalibrateDropsCommand.Build());
        return parent;
    }
}
