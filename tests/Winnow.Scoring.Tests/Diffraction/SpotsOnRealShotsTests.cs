using Winnow.Scoring.Diffraction;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Diffraction;

public class SpotsOnRealShotsTests
{
    [Fact]
    public void SpotCountsTrackDialsAndRealSingleCrystalsAreCoherent()
    {
        // DIALS' per-image analysis (reference.json: dials.find_spots + spot_counts_per_image) on the seven thaumatin stills.
        foreach (int i in Enumerable.Range(0, 7).Select(k => 1 + 3 * k))
        {
            var name = $"thau_3_2_{i:D4}.cbf";
            int dials = SharedData.Reference[$"diffraction/{name}"]!["dials_per_image"]!["n_spots_total"]!.GetValue<int>();
            var evidence = LatticeCoherence.Measure(DiffractionScorer.Read(SharedData.Path($"diffraction/{name}")));
            if (dials <= 1)
            {
                // A blank grid position: a few noise pixels pairs at most, and no lattice among them.
                Assert.True(evidence.Spots < 40, $"{name}: {evidence.Spots} spots where DIALS finds {dials}");
                Assert.True(evidence.Coherence < 0.3, $"{name}: coherence {evidence.Coherence:F2} on a blank");
                continue;
            }
            Assert.InRange(evidence.Spots, 0.8 * dials, 1.3 * dials);
            // One thaumatin crystal per shot: the spot vectors recur as one lattice's do.
            Assert.True(evidence.Coherence > 0.7, $"{name}: coherence {evidence.Coherence:F2} with {evidence.Spots} spots");
        }
    }
}
