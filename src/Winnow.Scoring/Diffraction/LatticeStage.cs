using System.Text.Json.Nodes;

namespace Winnow.Scoring.Diffraction;

/// <summary>
/// The second opinion on single vs multi: a logistic regression over the network's log-odds and the shot's spot evidence
/// (<see cref="LatticeCoherence"/>). The network at 256² max-pooling sees spots but not which lattice each belongs to;
/// the coherence measures exactly that, but only when there are enough spots, so its weight ramps in with the spot count.
/// The stage re-splits p(single) + p(multi) and leaves p(blank) as the network gave it. It is fitted on simulated shots of
/// a seed apart from training and evaluation (<c>winnow calibrate diffraction</c>) and stored in the card.
/// </summary>
public sealed record LatticeStage(double[] Weights)
{
    /// <summary>Card key under <c>postprocessing</c>.</summary>
    public const string CardKey = "lattice_stage";

    /// <summary>Feature names, in weight order.</summary>
    public static readonly string[] FeatureNames = ["bias", "network_log_odds_multi", "ln_1_plus_spots", "coherence", "spot_ramp", "spot_ramp_x_coherence", "close_share"];

    /// <summary>Spot counts between which the coherence goes from uninformative to trusted (ramp in ln n).</summary>
    public const double RampFromSpots = 50, RampToSpots = 400;

    /// <summary>The feature vector of one shot.</summary>
    public static double[] Features(DiffractionPrediction p, SpotEvidence e)
    {
        const double floor = 1e-6;
        double logOdds = Math.Log((p.Probabilities[2] + floor) / (p.Probabilities[1] + floor));
        double lnSpots = Math.Log(1 + e.Spots);
        double ramp = Math.Clamp((lnSpots - Math.Log(RampFromSpots)) / (Math.Log(RampToSpots) - Math.Log(RampFromSpots)), 0, 1);
        return [1, logOdds, lnSpots, e.Coherence, ramp, ramp * e.Coherence, e.CloseShare];
    }

    /// <summary>p(multi | the shot holds a crystal).</summary>
    public double MultiShare(DiffractionPrediction p, SpotEvidence e) => Sigmoid(Dot(Weights, Features(p, e)));

    /// <summary>The prediction with p(single) + p(multi) re-split by <see cref="MultiShare"/>; resolution and p(blank) unchanged.</summary>
    public DiffractionPrediction Apply(DiffractionPrediction p, SpotEvidence e)
    {
        double crystal = p.Probabilities[1] + p.Probabilities[2], share = MultiShare(p, e);
        return p with { Probabilities = [p.Probabilities[0], (float)(crystal * (1 - share)), (float)(crystal * share)] };
    }

    /// <summary>
    /// Maximum-likelihood fit (Newton's method, a small ridge so that separable data stay finite) on crystal shots:
    /// <paramref name="isMulti"/> true for multi-lattice truth.
    /// </summary>
    public static LatticeStage Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> isMulti, double ridge = 1e-3)
    {
        if (features.Count != isMulti.Count || features.Count < FeatureNames.Length * 5)
            throw new ArgumentException($"fitting the lattice stage needs at least {FeatureNames.Length * 5} crystal shots with labels, got {features.Count}");
        if (isMulti.All(m => m) || isMulti.All(m => !m))
            throw new ArgumentException("fitting the lattice stage needs both single- and multi-lattice shots");
        int k = FeatureNames.Length;
        var w = new double[k];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (int i = 0; i < features.Count; i++)
            {
                var x = features[i];
                double p = Sigmoid(Dot(w, x)), y = isMulti[i] ? 1 : 0;
                for (int a = 0; a < k; a++)
                {
                    gradient[a] += (p - y) * x[a];
                    for (int b = 0; b < k; b++) hessian[a, b] += p * (1 - p) * x[a] * x[b];
                }
            }
            for (int a = 1; a < k; a++) { gradient[a] += ridge * features.Count * w[a]; hessian[a, a] += ridge * features.Count; }
            hessian[0, 0] += 1e-9;
            var step = Solve(hessian, gradient);
            double largest = 0;
            for (int a = 0; a < k; a++) { w[a] -= step[a]; largest = Math.Max(largest, Math.Abs(step[a])); }
            if (largest < 1e-8) break;
        }
        return new LatticeStage(w);
    }

    /// <summary>The stage as its card object.</summary>
    public JsonObject ToJson(JsonObject provenance)
    {
        var json = new JsonObject
        {
            ["model"] = "logistic regression: p(multi | crystal) = sigmoid(w · features)",
            ["features"] = new JsonArray(FeatureNames.Select(f => (JsonNode?)f).ToArray()),
            ["weights"] = new JsonArray(Weights.Select(x => (JsonNode?)Math.Round(x, 6)).ToArray()),
            ["spot_ramp_from_to"] = new JsonArray(RampFromSpots, RampToSpots),
        };
        foreach (var (key, value) in provenance) json[key] = value?.DeepClone();
        return json;
    }

    /// <summary>The stage stored in a card, or null when the card has none; a malformed one is an <see cref="InvalidDataException"/>.</summary>
    public static LatticeStage? FromCard(Common.ModelCard card)
    {
        if (card.Postprocessing[CardKey] is not JsonObject stage) return null;
        var names = stage["features"]?.AsArray().Select(n => n?.GetValue<string>()).ToArray();
        var weights = stage["weights"]?.AsArray().Select(n => n?.GetValue<double>() ?? double.NaN).ToArray();
        if (names is null || weights is null || !names.SequenceEqual(FeatureNames) || weights.Length != FeatureNames.Length || weights.Any(w => !double.IsFinite(w)))
            throw new InvalidDataException($"model card {card.Name}: postprocessing.{CardKey} does not hold weights for the features {string.Join(", ", FeatureNames)}");
        // The ramp is code, not card: a card fitted with another ramp would be read with the wrong features.
        var ramp = stage["spot_ramp_from_to"]?.AsArray().Select(n => n?.GetValue<double>() ?? double.NaN).ToArray();
        if (ramp is not null && !ramp.SequenceEqual([RampFromSpots, RampToSpots]))
            throw new InvalidDataException($"model card {card.Name}: postprocessing.{CardKey} was fitted with spot ramp {string.Join("-", ramp)}, this Winnow uses {RampFromSpots}-{RampToSpots}; refit it with winnow calibrate diffraction");
        return new LatticeStage(weights);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Gaussian elimination with partial pivoting (the system is 7 × 7).</summary>
    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        int n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
