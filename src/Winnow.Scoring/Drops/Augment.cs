using Winnow.Torch;
using Winnow.Torch.nn;

namespace Winnow.Scoring.Drops;

/// <summary>
/// Strong augmentation on a whole batch in a few tensor ops (per-sample parameters): any rotation with flips and
/// a little zoom and shift (one affine grid sample), colour and brightness and contrast jitter, an illumination
/// ramp, focus blur and sensor noise. Drops have no up or down, and imagers differ mostly in light and focus.
/// </summary>
internal static class Augment
{
    /// <summary>Augments x [B, 3, S, S] in [0, 1]; deterministic for a given <paramref name="rng"/> state.</summary>
    public static Tensor Apply(Tensor x, Random rng)
    {
        using var scope = torch.NewScope();
        var b = (int)x.Shape[0];
        var s = x.Shape[2];
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        var theta = new float[b * 6];
        var gains = new float[b * 3];
        var brightness = new float[b];
        var contrast = new float[b];
        var rampX = new float[b];
        var rampY = new float[b];
        var blur = new float[b];
        var noise = new float[b];
        for (var i = 0; i < b; i++)
        {
            var angle = U(0, 2 * Math.PI);
            var flip = rng.NextDouble() < 0.5 ? -1 : 1;
            var zoom = U(0.88, 1.12);
            theta[i * 6] = (float)(zoom * Math.Cos(angle) * flip);
            theta[i * 6 + 1] = (float)(-zoom * Math.Sin(angle));
            theta[i * 6 + 2] = (float)U(-0.06, 0.06);
            theta[i * 6 + 3] = (float)(zoom * Math.Sin(angle) * flip);
            theta[i * 6 + 4] = (float)(zoom * Math.Cos(angle));
            theta[i * 6 + 5] = (float)U(-0.06, 0.06);
            for (var c = 0; c < 3; c++) gains[i * 3 + c] = (float)U(0.85, 1.15);
            brightness[i] = (float)U(0.7, 1.25);
            contrast[i] = (float)U(0.7, 1.3);
            rampX[i] = (float)U(-0.3, 0.3);
            rampY[i] = (float)U(-0.3, 0.3);
            blur[i] = rng.NextDouble() < 0.4 ? (float)U(0.3, 1) : 0;
            noise[i] = (float)U(0, 0.03);
        }
        var grid = F.AffineGrid(torch.FromArray(theta, b, 2, 3), [b, 3, s, s]);
        var y = F.GridSample(x, grid);
        var mean = y.Mean([1, 2, 3], keepDim: true);
        y = (y - mean) * torch.FromArray(contrast, b, 1, 1, 1) + mean;
        y = y * torch.FromArray(gains, b, 3, 1, 1) * torch.FromArray(brightness, b, 1, 1, 1);
        var coords = torch.Arange(-1, 1 + 1e-6, 2.0 / (s - 1), ScalarType.Float32);
        var ramp = 1 + torch.FromArray(rampX, b, 1, 1, 1) * coords.Reshape(1, 1, 1, s) + torch.FromArray(rampY, b, 1, 1, 1) * coords.Reshape(1, 1, s, 1);
        y = y * ramp;
        var blurred = F.AvgPool2d(y, 5, 1, 2, countIncludePad: false);
        y = y + torch.FromArray(blur, b, 1, 1, 1) * (blurred - y);
        y = y + torch.Randn([b, 3, s, s]) * torch.FromArray(noise, b, 1, 1, 1);
        return y.Clamp(0, 1).MoveToOuterDisposeScope();
    }
}
