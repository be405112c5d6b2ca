using Winnow.TestSupport;
using Winnow.Scoring.Common;

namespace Winnow.Pipeline.Tests.Run;

/// <summary>
/// Regression test: the scorer decodes the next batch on another thread; it once read the batch start from the
/// loop variable inside that task, so a late-starting task picked the wrong (or a missing) batch.
/// </summary>
public class BatchedScoringTests
{
    [Fact]
    public void EveryFileGetsItsOwnScoreWhateverTheBatchSize()
    {
        using var folder = new TempFolder();
        var weights = TestModels.ResNet18(Path.Combine(folder.Path, "model"), size: 16);
        var images = TestModels.Images(Path.Combine(folder.Path, "images"), 23, size: 24);
        using var one = new RasterClassifierScorer(weights, batchSize: 64);
        var reference = one.Score(images);
        for (var batchSize = 1; batchSize <= 5; batchSize++)
        {
            using var scorer = new RasterClassifierScorer(weights, batchSize: batchSize);
            for (var round = 0; round < 3; round++)
            {
                var scores = scorer.Score(images);
                Assert.Equal(images, scores.Select(s => s.File));
                for (var i = 0; i < images.Count; i++)
                    foreach (var (cls, p) in reference[i].Probabilities)
                        Assert.Equal(p, scores[i].Probabilities[cls], 4);
            }
        }
    }
}
