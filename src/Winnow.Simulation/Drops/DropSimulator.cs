using Winnow.Simulation.Diffraction;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Simulation.Drops;

/// <summary>One simulated photograph: JPEG bytes and what is in it.</summary>
public sealed record SimulatedDrop(byte[] Jpeg, DropLabel Label);

/// <summary>What a simulated drop holds: its MARCO label, every content drawn (e.g. "crystals:needles", "dust") and where
/// each crystal lies (empty unless the drop holds crystals), so that a detector can be taught on parts of the photograph.</summary>
public sealed record DropLabel(long Index, DropClass Class, IReadOnlyList<string> Contents, string? Background, IReadOnlyList<CrystalMark> Crystals)
{
    /// <summary>The label without the crystals (MARCO's priority over the rest): what a part of the photograph that holds no crystal shows at most.</summary>
    public DropClass ClassWithoutCrystals => DropClasses.Label(Contents
        .Select(c => Enum.TryParse<DropClass>(c.Split(':')[0], ignoreCase: true, out var k) && c.Contains(':') ? k : DropClass.Clear)
        .Where(k => k != DropClass.Crystals));
}

/// <summary>
/// Draws crystallisation-drop photographs like an imager's (1224×1024 colour JPEG): scene, contents by class,
/// illumination, focus blur, sensor noise, and real JPEG compression through OpenCV. Image <c>i</c> of seed
/// <c>s</c> is the same on any machine and in any order; classes cycle so that every set is balanced.
/// </summary>
public sealed class DropSimulator
{
    /// <summary>Photograph width in pixels (as the Formulatrix imagers of the reference data).</summary>
    public const int Width = 1224;
    /// <summary>Photograph height in pixels.</summary>
    public const int Height = 1024;

    private readonly long seed;
    private readonly IReadOnlyList<string> backgrounds;
    private readonly DropMixtures mixtures;

    /// <summary>A simulator for seed <paramref name="seed"/>; with <paramref name="backgrounds"/>, contents go onto those real
    /// clear-drop photographs; <paramref name="mixtures"/> (default <see cref="DropMixtures.Natural"/>) sets how often drops
    /// hold a second kind of content; at the natural rates every image is exactly what it was before the knob existed.</summary>
    public DropSimulator(long seed, IReadOnlyList<string>? backgrounds = null, DropMixtures? mixtures = null)
    {
        this.seed = seed;
        this.backgrounds = backgrounds ?? [];
        this.mixtures = mixtures ?? DropMixtures.Natural;
    }

    /// <summary>The class of image <paramref name="index"/>: the four classes in turn.</summary>
    public static DropClass ClassOf(long index) => (DropClass)(int)(index % 4);

    /// <summary>Renders image <paramref name="index"/>.</summary>
    public SimulatedDrop Render(long index)
    {
        var rng = new SimRandom(SimRandom.Derive(seed, index, 7));
        var target = ClassOf(index);
        var canvas = new DropCanvas(Width, Height);
        string? background = null;
        DropGeometry g;
        if (backgrounds.Count > 0)
        {
            background = backgrounds[rng.NextInt(backgrounds.Count)];
            LoadBackground(canvas, background);
            g = DropGeometry.ForBackground(rng, Width, Height);
        }
        else
        {
            g = DropGeometry.Random(rng, Width, Height);
            DropScene.Paint(canvas, g, rng);
        }
        var contents = new List<string>();
        var classes = new List<DropClass>();
        var crystals = new List<CrystalMark>();
        void Add(DropClass c, string kind) { classes.Add(c); contents.Add($"{c.ToString().ToLowerInvariant()}:{kind}"); }
        // Mixtures, then the target content on top; the label follows MARCO's priority, so it is always the target.
        if (target == DropClass.Crystals && rng.NextDouble() < mixtures.CrystalsWithPrecipitate) Add(DropClass.Precipitate, MatterPainter.Precipitate(canvas, g, rng));
        if (target is DropClass.Crystals or DropClass.Precipitate && rng.NextDouble() < mixtures.WithOther) Add(DropClass.Other, MatterPainter.Other(canvas, g, rng));
        switch (target)
        {
            case DropClass.Crystals: Add(target, CrystalPainter.Paint(canvas, g, rng, crystals)); break;
            case DropClass.Precipitate: Add(target, MatterPainter.Precipitate(canvas, g, rng)); break;
            case DropClass.Other: Add(target, MatterPainter.Other(canvas, g, rng)); break;
        }
        contents.AddRange(MatterPainter.Artefacts(canvas, g, rng, target == DropClass.Clear ? 0.8 : 0.4));
        if (background is null) DropScene.Illuminate(canvas, rng);
        var jpeg = Finish(canvas, rng);
        return new SimulatedDrop(jpeg, new DropLabel(index, DropClasses.Label(classes), contents, background, crystals));
    }

    private static void LoadBackground(DropCanvas canvas, string path)
    {
        using var scope = torch.NewScope();
        var image = Cv.Read(path, ImageReadMode.Color);
        var resized = image.Shape[0] == Height && image.Shape[1] == Width ? image : Cv.Resize(image, Width, Height);
        var bytes = resized.Contiguous().ToArray<byte>();
        for (var i = 0; i < bytes.Length; i++) canvas.Pixels[i] = bytes[i] / 255f;
    }

    /// <summary>Focus blur (OpenCV Gaussian), sensor noise, 8-bit quantisation and JPEG at a random quality.</summary>
    private static byte[] Finish(DropCanvas canvas, SimRandom rng)
    {
        var px = canvas.Pixels;
        var bytes = new byte[px.Length];
        for (var i = 0; i < px.Length; i++) bytes[i] = (byte)Math.Clamp((int)(px[i] * 255 + 0.5), 0, 255);
        using var scope = torch.NewScope();
        var image = torch.FromArray(bytes, Height, Width, 3);
        var sigma = rng.LogUniform(0.4, 3.0);
        var kernel = 2 * (int)Math.Ceiling(3 * sigma) + 1;
        var blurred = Cv.GaussianBlur(image, kernel, sigma).ToArray<byte>();
        // Sensor noise from a table of 4096 normal deviates walked at random offsets: one normal per pixel would
        // cost more than all the drawing.
        var noise = rng.Uniform(0.5, 4.0);
        var table = new float[4096];
        for (var i = 0; i < table.Length; i++) table[i] = (float)(noise * rng.Normal());
        var offset = 0;
        for (var i = 0; i < blurred.Length; i++)
        {
            if ((i & 1023) == 0) offset = rng.NextInt(table.Length);
            blurred[i] = (byte)Math.Clamp((int)(blurred[i] + table[(offset + i * 7) & 4095] + 0.5f), 0, 255);
        }
        var noisy = torch.FromArray(blurred, Height, Width, 3);
        return Cv.Encode(noisy, ".jpg", 70 + rng.NextInt(26));
    }
}
