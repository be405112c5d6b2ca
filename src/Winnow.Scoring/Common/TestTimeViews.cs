using Winnow.Torch;

namespace Winnow.Scoring.Common;

/// <summary>The views a raster classifier scores an image in (<see cref="ModelCard.TestTimeAugmentation"/>).</summary>
public static class TestTimeViews
{
    /// <summary>The image as it is.</summary>
    public const string None = "none";
    /// <summary>The four quarter-turns of the image and their mirror images.</summary>
    public const string Dihedral8 = "dihedral8";

    /// <summary>Number of views the card's setting scores; an unknown setting or a dihedral setting on a non-square input is an error naming the model.</summary>
    public static int Count(ModelCard card) => card.TestTimeAugmentation switch
    {
        None or "" => 1,
        // Quarter-turns swap height and width, so only a square input keeps the shape the network expects.
        Dihedral8 when card.Input.Height == card.Input.Width => 8,
        Dihedral8 => throw new InvalidDataException($"{card.Name}: test_time_augmentation \"{Dihedral8}\" needs a square input, not {card.Input.Height} × {card.Input.Width}."),
        var other => throw new InvalidDataException($"{card.Name}: unknown test_time_augmentation \"{other}\"; use \"{None}\" or \"{Dihedral8}\"."),
    };

    /// <summary>
    /// Runs <paramref name="forward"/> on the first <paramref name="views"/> views of a batch (view 0: the batch as it
    /// is) and averages each of its outputs element-wise: what every scorer and evaluation does with a card's setting.
    /// </summary>
    public static Tensor[] Mean(Tensor batch, int views, Func<Tensor, Tensor[]> forward)
    {
        var sums = forward(batch);
        for (var v = 1; v < views; v++)
        {
            var outputs = forward(View(batch, v));
            for (var i = 0; i < sums.Length; i++) sums[i] = sums[i] + outputs[i];
        }
        if (views > 1) for (var i = 0; i < sums.Length; i++) sums[i] = sums[i] / views;
        return sums;
    }

    /// <summary><see cref="Mean(Tensor, int, Func{Tensor, Tensor[]})"/> for a network with one output.</summary>
    public static Tensor Mean(Tensor batch, int views, Func<Tensor, Tensor> forward) => Mean(batch, views, x => [forward(x)])[0];

    /// <summary>View <paramref name="index"/> of a batch [N, C, H, W]: quarter-turn index / 2, mirrored when index is odd.</summary>
    public static Tensor View(Tensor batch, int index)
    {
        using var scope = torch.NewScope();
        var turned = batch.Rot90(index / 2, 2, 3);
        var view = index % 2 == 1 ? turned.Flip(3) : turned;
        // Channels-last strides again: the rotated view is a strided copy oneDNN would otherwise reorder on every layer.
        return view.ToChannelsLast().MoveToOuterDisposeScope();
    }
}
