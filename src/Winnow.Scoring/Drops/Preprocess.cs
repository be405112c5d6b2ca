using Winnow.Scoring.Common;
using Winnow.Formats;
using Winnow.Simulation.Drops;
using Winnow.Formats.Raster;
using Winnow.Torch;
using Winnow.Torch.Vision;

namespace Winnow.Scoring.Drops;

/// <summary>
/// A set of drop photographs decoded once to the model's input size (CHW uint8, 3 × Size × Size) with class indices:
/// decoding a 1224×1024 JPEG costs more than a training step's share of the network, so every epoch reuses it.
/// Each image is its own array: one array for the whole set capped it at 2 GiB (4,854 images at 384², 1,213 wells
/// at 768²), less than a lab's fine-tuning folder or a tiles training run holds.
/// </summary>
public sealed class DropImageSet
{
    /// <summary>Input side in pixels.</summary>
    public int Size { get; }
    private readonly byte[][] images;
    /// <summary>Class index per image (order of <see cref="DropClasses.Names"/>).</summary>
    public int[] Labels { get; }
    /// <summary>Source of each image (file path or "sim:seed:index").</summary>
    public string[] Sources { get; }
    /// <summary>What of each photograph was resized to <see cref="Size"/> (a model must be given sets framed as its card says).</summary>
    public InputCrop Crop { get; }
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    internal DropImageSet(int size, InputCrop crop, byte[][] images, int[] labels, string[] sources)
    {
        var plane = 3 * size * size;
        if (images.Length != labels.Length || labels.Length != sources.Length)
            throw new ArgumentException($"{images.Length} images, {labels.Length} labels and {sources.Length} sources: one of each per image is needed.");
        if (Array.Find(images, i => i.Length != plane) is { } odd)
            throw new ArgumentException($"an image of {odd.Length} bytes in a set of 3 × {size}² ({plane} bytes) images.");
        Size = size;
        Crop = crop;
        this.images = images;
        Labels = labels;
        Sources = sources;
    }

    /// <summary>Image <paramref name="index"/>, CHW uint8 (3 × Size × Size).</summary>
    public ReadOnlySpan<byte> Image(int index) => images[index];

    /// <summary>Decodes JPEG/PNG bytes to CHW uint8 at size × size (OpenCV area resampling), framed as <paramref name="crop"/> says.</summary>
    public static byte[] ToChw(ReadOnlySpan<byte> encoded, int size, InputCrop crop = InputCrop.Full)
    {
        using var scope = torch.NewScope();
        var hwc = RasterFraming.DecodeResized(encoded, size, size, ImageReadMode.Color, crop);
        return hwc.Permute(2, 0, 1).Contiguous().ToArray<byte>();
    }

    /// <summary>Simulates images [start, start + n) of a seed, decoded to size; uses <paramref name="threads"/> workers.</summary>
    public static DropImageSet Simulate(long seed, int n, int size, int threads = 1, Action<int>? progress = null, int start = 0, DropMixtures? mixtures = null, InputCrop crop = InputCrop.Full)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var simulator = new DropSimulator(seed, mixtures: mixtures);
        var images = new byte[n][];
        var labels = new int[n];
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var drop = simulator.Render(start + i);
            images[i] = ToChw(drop.Jpeg, size, crop);
            labels[i] = (int)drop.Label.Class;
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        return new DropImageSet(size, crop, images, labels, Enumerable.Range(start, n).Select(i => $"sim:{seed}:{i}").ToArray());
    }

    /// <summary>Simulates, or reads a cached copy written by an earlier call with the same seed, start, count, size, mixtures and crop.</summary>
    public static DropImageSet SimulateCached(string cacheDir, long seed, int n, int size, int threads = 1, Action<int>? progress = null, int start = 0, DropMixtures? mixtures = null, InputCrop crop = InputCrop.Full)
    {
        // Sets from 0 at the natural mixture rates keep the name they had before either knob existed, so old caches stay valid.
        var from = start == 0 ? "" : $"-from{start}";
        // DropMixtures writes "P,O" invariantly; the comma becomes a dash in a file name.
        var mix = mixtures is null || mixtures.IsNatural ? "" : $"-mix{mixtures.ToString().Replace(',', '-')}";
        var framing = crop == InputCrop.Full ? "" : $"-{InputCrops.Name(crop)}";
        var path = Path.Combine(cacheDir, $"drops-seed{seed}{from}{mix}-n{n}-s{size}{framing}.bin");
        if (File.Exists(path)) return Load(path, crop);
        var set = Simulate(seed, n, size, threads, progress, start, mixtures, crop);
        Directory.CreateDirectory(cacheDir);
        set.Save(path);
        return set;
    }

    /// <summary>Reads ROOT/&lt;Class&gt;/*.jpg|jpeg|png (class folder names as in MARCO, case-insensitive); unreadable files are named in the error.</summary>
    public static DropImageSet FromFolder(string root, int size, InputCrop crop = InputCrop.Full)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root}: folder not found; give ROOT with one sub-folder per class (Clear, Crystals, Precipitate, Other).");
        var labelled = new List<(string File, string Class)>();
        foreach (var dir in Directory.EnumerateDirectories(root).Order())
        {
            var name = Path.GetFileName(dir);
            // Every sub-folder must be a class, even an empty one: a misspelt folder would silently drop its images.
            if (!DropClasses.Names.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidDataException($"{dir}: '{name}' is not a class; name the sub-folders Clear, Crystals, Precipitate and Other.");
            labelled.AddRange(Directory.EnumerateFiles(dir).Where(IsImage).Order().Select(f => (f, name)));
        }
        if (labelled.Count == 0) throw new InvalidDataException($"{root}: no .jpg, .jpeg or .png images in class sub-folders.");
        return FromLabelledFiles(labelled, size, crop);
    }

    /// <summary>Decodes labelled files (class names as in MARCO, case-insensitive), from a folder tree or the store's human scores.</summary>
    public static DropImageSet FromLabelledFiles(IReadOnlyList<(string File, string Class)> labelled, int size, InputCrop crop = InputCrop.Full)
    {
        var images = new List<byte[]>();
        var labels = new List<int>();
        var sources = new List<string>();
        foreach (var (file, name) in labelled)
        {
            var index = DropClasses.Names.ToList().FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new InvalidDataException($"{file}: '{name}' is not a class; use Clear, Crystals, Precipitate or Other.");
            try
            {
                images.Add(ToChw(RasterReader.ReadEncoded(file), size, crop));
            }
            catch (Exception e) when (e is TorchException or FormatException)
            {
                throw new InvalidDataException($"{file}: cannot be decoded ({WinnowFormatException.ProblemOf(e)}); remove or replace it.");
            }
            labels.Add(index);
            sources.Add(file);
        }
        return new DropImageSet(size, crop, images.ToArray(), labels.ToArray(), sources.ToArray());
    }

    /// <summary>Decodes a list of files (label −1: unknown) at size × size, e.g. to compare a scorer with the network.</summary>
    public static DropImageSet FromFolderFiles(IReadOnlyList<string> files, int size, InputCrop crop = InputCrop.Full)
    {
        var images = files.Select(f => ToChw(RasterReader.ReadEncoded(f), size, crop)).ToArray();
        return new DropImageSet(size, crop, images, files.Select(_ => -1).ToArray(), files.ToArray());
    }

    /// <summary>True for the raster extensions drop imagers write.</summary>
    public static bool IsImage(string path) =>
        path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>The images at <paramref name="indices"/> as a float batch [B, 3, S, S] in [0, 1].</summary>
    public Tensor Batch(IReadOnlyList<int> indices)
    {
        var plane = 3 * Size * Size;
        var buffer = new byte[indices.Count * plane];
        for (var j = 0; j < indices.Count; j++) images[indices[j]].CopyTo(buffer.AsSpan(j * plane));
        using var bytes = torch.FromArray(buffer, indices.Count, 3, Size, Size);
        using var f = bytes.To(ScalarType.Float32);
        return f / 255.0;
    }

    /// <summary>A subset (e.g. one side of a split); it shares the images, which no one writes to.</summary>
    public DropImageSet Subset(IReadOnlyList<int> indices) =>
        new(Size, Crop, indices.Select(i => images[i]).ToArray(), indices.Select(i => Labels[i]).ToArray(), indices.Select(i => Sources[i]).ToArray());

    /// <summary>A stratified split: <paramref name="heldOutFraction"/> of every class (at least one image where a class has two) goes to the second set.</summary>
    public (DropImageSet Train, DropImageSet HeldOut) Split(double heldOutFraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<int>();
        var held = new List<int>();
        foreach (var group in Enumerable.Range(0, Count).GroupBy(i => Labels[i]))
        {
            var items = group.OrderBy(_ => rng.Next()).ToList();
            var k = items.Count < 2 ? 0 : Math.Max(1, (int)Math.Round(items.Count * heldOutFraction));
            held.AddRange(items.Take(k));
            train.AddRange(items.Skip(k));
        }
        return (Subset(train), Subset(held));
    }

    /// <summary>Writes the set as one binary file (size, count, labels, pixels).</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(0x53504F44); // "DOPS"
            writer.Write(Size);
            writer.Write(Count);
            foreach (var l in Labels) writer.Write(l);
            foreach (var s in Sources) writer.Write(s);
            foreach (var image in images) writer.Write(image);
        }
        File.Move(temp, path, true);
    }

    /// <summary>Reads a set written by <see cref="Save"/> (framed as <paramref name="crop"/>; the cache's file name says which).</summary>
    public static DropImageSet Load(string path, InputCrop crop = InputCrop.Full)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != 0x53504F44) throw new InvalidDataException($"{path}: not a drop image cache; delete it to re-simulate.");
        var size = reader.ReadInt32();
        var count = reader.ReadInt32();
        // A damaged or foreign header must not make us allocate (or overflow computing) an impossible set.
        var plane = 3L * size * size;
        if (size <= 0 || count < 0 || plane > Array.MaxLength || plane * count > reader.BaseStream.Length)
            throw new InvalidDataException($"{path}: the drop image cache header claims {count} images of {size}², which this file cannot hold; delete it to re-simulate.");
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = reader.ReadInt32();
        var sources = new string[count];
        for (var i = 0; i < count; i++) sources[i] = reader.ReadString();
        var images = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            images[i] = reader.ReadBytes((int)plane);
            if (images[i].Length != plane) throw new InvalidDataException($"{path}: truncated drop image cache (image {i} of {count} is cut short); delete it to re-simulate.");
        }
        return new DropImageSet(size, crop, images, labels, sources);
    }
}
