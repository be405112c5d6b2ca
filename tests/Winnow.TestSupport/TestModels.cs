using Winnow.Scoring.Common;
using Winnow.Torch;
using Winnow.Torch.nn;
using Winnow.Torch.Serialization;
using Winnow.Torch.Vision;

namespace Winnow.TestSupport;

/// <summary>Real models and images for pipeline tests and the pipeline benchmark: a seeded ResNet-18 with its card, and
/// seeded PNG/JPEG files.</summary>
public static class TestModels
{
    /// <summary>Saves a seeded, untrained ResNet-18 (four drop classes, <paramref name="size"/>² RGB input) with its card; returns the weights path.</summary>
    public static string ResNet18(string folder, int size = 32, long seed = 7)
    {
        Directory.CreateDirectory(folder);
        var weights = Path.Combine(folder, $"tiny-{size}.safetensors");
        torch.ManualSeed(seed);
        using (var model = ResNet.ResNet18(4, 3))
            SafeTensors.Save(weights, model);
        new ModelCard
        {
            Name = $"test-resnet18-{size}px-seed{seed}",
            Job = "drops",
            Architecture = "resnet18",
            Classes = ["Crystals", "Precipitate", "Clear", "Other"],
            Input = new ModelInput { Channels = 3, Height = size, Width = size, Mean = [0.5, 0.5, 0.5], Std = [0.25, 0.25, 0.25] },
            Thresholds = new() { ["Crystals"] = 0.3 },
        }.Save(ModelFiles.CardPath(weights));
        return weights;
    }

    /// <summary>Writes <paramref name="count"/> distinct seeded 64×64 images (PNG and JPEG alternating) into <paramref name="folder"/>.</summary>
    public static List<string> Images(string folder, int count, int seed = 1, int size = 64, string prefix = "img")
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var pixels = new byte[size * size * 3];
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(pixels);
            var extension = i % 2 == 0 ? ".png" : ".jpg";
            using var image = torch.FromArray(pixels, size, size, 3);
            var path = Path.Combine(folder, $"{prefix}_{i:D5}{extension}");
            File.WriteAllBytes(path, Cv.Encode(image, extension));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>A file named like a JPEG whose bytes are not one: what a truncated upload or a wrong file looks like.</summary>
    public static string Corrupt(string folder, string name = "corrupt.jpg")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.ASCII.GetBytes("this is not really a jpeg")]);
        return path;
    }

    /// <summary>One tensor of a safetensors file as float32 values (float16 weights widened), to compare weights across runs.</summary>
    public static float[] StoredTensor(string weights, string name)
    {
        using var scope = torch.NewScope();
        var (tensors, _) = SafeTensors.Load(weights);
        return tensors[name].To(ScalarType.Float32).ToArray<float>();
    }
}
