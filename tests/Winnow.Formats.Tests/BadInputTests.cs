using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Winnow.Formats.Cbf;
using Winnow.Formats.Inspection;
using Winnow.Formats.Mrc;
using Winnow.Formats.Smv;
using Winnow.Formats.Star;

namespace Winnow.Formats.Tests;

/// <summary>Bad files give a <see cref="WinnowFormatException"/> naming the file and the problem — never another exception, a hang or a huge allocation.</summary>
public class BadInputTests
{
    private static readonly Lazy<byte[]> MrcBytes = new(() => File.ReadAllBytes(SharedData.Path("mrc/EMD-3001.map")));
    private static readonly Lazy<byte[]> SmvBytes = new(() => File.ReadAllBytes(SharedData.Path("diffraction/simtbx_FormatSMVJHSim_001.img")));
    private static readonly Lazy<string> StarText = new(() => File.ReadAllText(SharedData.Path("star/relion31.star")));
    private static readonly byte[] CbfBytes = DetectorTests.MiniCbf(
        [.. Enumerable.Range(0, 64).Select(i => i * i * 37 - 500)], 8, 8,
        "# Pixel_size 172e-6 m x 172e-6 m\n# Wavelength 1.0 A\n# Detector_distance 0.2 m\n# Beam_xy (4, 4) pixels\n# Count_cutoff 1000 counts\n");

    private static void ReadMrc(byte[] b, string name)
    {
        using var mrc = MrcFile.Open(new MemoryStream(b, writable: false), name);
        for (int z = 0; z < Math.Min(mrc.SectionCount, 3); z++) mrc.ReadSection(z);
    }

    private static WinnowFormatException Fails(Action read, string name)
    {
        var e = Assert.Throws<WinnowFormatException>(read);
        Assert.Equal(name, e.FilePath);
        Assert.StartsWith(name + ": ", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        return e;
    }

    private static byte[] Mrc(Action<byte[]> edit)
    {
        var b = (byte[])MrcBytes.Value.Clone();
        edit(b);
        return b;
    }

    private static void I32(byte[] b, int offset, int v) => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), v);

    [Fact]
    public void MrcProblemsAreNamed()
    {
        Assert.Contains("too short", Fails(() => ReadMrc(MrcBytes.Value[..500], "a.mrc"), "a.mrc").Problem);
        Assert.Contains("promises", Fails(() => ReadMrc(MrcBytes.Value[..^100], "a.mrc"), "a.mrc").Problem);
        Assert.Contains("unknown MRC mode 7", Fails(() => ReadMrc(Mrc(b => I32(b, 12, 7)), "a.mrc"), "a.mrc").Problem);
        Assert.Contains("non-positive", Fails(() => ReadMrc(Mrc(b => I32(b, 4, -3)), "a.mrc"), "a.mrc").Problem);
        Assert.Contains("non-positive", Fails(() => ReadMrc(Mrc(b => I32(b, 0, 0)), "a.mrc"), "a.mrc").Problem);
        Assert.Contains("negative extended header", Fails(() => ReadMrc(Mrc(b => I32(b, 92, -1)), "a.mrc"), "a.mrc").Problem);
        // 10^12 bytes of data claimed: refused from the header alone.
        Assert.Contains("promises 1000000001184", Fails(() => ReadMrc(Mrc(b => { I32(b, 0, 10000); I32(b, 4, 10000); I32(b, 8, 2500); I32(b, 12, 2); }), "big.mrc"), "big.mrc").Problem);
        Assert.Contains("axis order", Fails(() => ReadMrc(Mrc(b => I32(b, 64, 5)), "a.mrc"), "a.mrc").Problem);
        // nx and ny near 2^31 (found by the fuzz test below): 4·nx·ny passes 2^63 and once wrapped to a size that
        // passed the file-length check, then failed later with a bare OverflowException.
        Assert.Contains("more than 2^63", Fails(() => ReadMrc(Mrc(b => { I32(b, 0, 2_100_000_000); I32(b, 4, 2_000_000_000); }), "wrap.mrc"), "wrap.mrc").Problem);
    }

    [Fact]
    public void CbfProblemsAreNamed()
    {
        // Cut inside the compressed pixels (the file ends with 4095 bytes of padding and the closing boundary).
        Assert.Contains("X-Binary-Size", Fails(() => CbfReader.Read(CbfBytes[..(CbfBytes.Length - 4095 - 60)], "t.cbf"), "t.cbf").Problem);
        Fails(() => CbfReader.Read(MrcBytes.Value, "t.cbf"), "t.cbf");
        var text = Encoding.Latin1.GetString(CbfBytes);
        byte[] Edit(string from, string to) => Encoding.Latin1.GetBytes(text.Replace(from, to));
        Assert.Contains("is not 8×8", Fails(() => CbfReader.Read(Edit("X-Binary-Number-of-Elements: 64", "X-Binary-Number-of-Elements: 1000000000000"), "t.cbf"), "t.cbf").Problem);
        Assert.Contains("claims 1000000000000 pixels", Fails(() => CbfReader.Read(Edit("X-Binary-Number-of-Elements: 64", "X-Binary-Number-of-Elements: 1000000000000")
            .Select(b => b).ToArray() is var x ? Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(x).Replace("Fastest-Dimension: 8", "Fastest-Dimension: 1000000").Replace("Second-Dimension: 8", "Second-Dimension: 1000000")) : x, "t.cbf"), "t.cbf").Problem);
        Assert.Contains("non-positive", Fails(() => CbfReader.Read(Edit("Fastest-Dimension: 8", "Fastest-Dimension: -8"), "t.cbf"), "t.cbf").Problem);
        Assert.Contains("X-Binary-Size", Fails(() => CbfReader.Read(Edit("X-Binary-Size: ", "X-Binary-Size: 1000000000000"), "t.cbf"), "t.cbf").Problem);
        Assert.Contains("compression", Fails(() => CbfReader.Read(Edit("x-CBF_BYTE_OFFSET", "x-CBF_PACKED"), "t.cbf"), "t.cbf").Problem);
    }

    [Fact]
    public void SmvProblemsAreNamed()
    {
        var text = Encoding.Latin1.GetString(SmvBytes.Value);
        byte[] Edit(string from, string to) => Encoding.Latin1.GetBytes(text.Replace(from, to));
        Assert.Contains("promises", Fails(() => SmvReader.Read(SmvBytes.Value[..5000], "t.img"), "t.img").Problem);
        Assert.Contains("promises", Fails(() => SmvReader.Read(Edit("SIZE1=1024;", "SIZE1=1000000;"), "t.img"), "t.img").Problem);
        Assert.Contains("non-positive", Fails(() => SmvReader.Read(Edit("SIZE2=1024;", "SIZE2=0;   ;"), "t.img"), "t.img").Problem);
        Assert.Contains("HEADER_BYTES", Fails(() => SmvReader.Read(Edit("HEADER_BYTES=1024;", "HEADER_BYTES=-512;"), "t.img"), "t.img").Problem);
        Fails(() => SmvReader.Read(CbfBytes, "t.img"), "t.img");
    }

    [Fact]
    public void StarProblemsAreNamed()
    {
        Assert.Contains("missing", Fails(() => StarParser.Parse("data_x\nloop_\n_a #1\n_b #2\n1 2\n3\n", "s.star"), "s.star").Problem);
        Assert.Contains("unterminated single", Fails(() => StarParser.Parse("data_x\n_a 'open\n", "s.star"), "s.star").Problem);
        Assert.Contains("unterminated double", Fails(() => StarParser.Parse("data_x\nloop_\n_a\n\"open\n", "s.star"), "s.star").Problem);
        Assert.Contains("unterminated ';'", Fails(() => StarParser.Parse("data_x\n_a\n;text\n", "s.star"), "s.star").Problem);
        Assert.Contains("has no value", Fails(() => StarParser.Parse("data_x\n_a\n_b 1\n", "s.star"), "s.star").Problem);
        Assert.Contains("not a STAR file", Fails(() => StarParser.Parse("hello world\n", "s.star"), "s.star").Problem);
        Assert.Contains("line 3", Fails(() => StarParser.Parse("data_x\n_a 1\n_b 'x\n", "s.star"), "s.star").Message);
    }

    [Fact]
    public void RandomBytesAreRefusedByEveryReaderAndByInspect()
    {
        var rng = new Random(7);
        var path = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}.mrc");
        try
        {
            for (int i = 0; i < 50; i++)
            {
                var b = new byte[rng.Next(0, 5000)];
                rng.NextBytes(b);
                Fails(() => ReadMrc(b, "r"), "r");
                Fails(() => CbfReader.Read(b, "r"), "r");
                Fails(() => SmvReader.Read(b, "r"), "r");
                Fails(() => StarParser.Parse(Encoding.UTF8.GetString(b), "r"), "r");
                File.WriteAllBytes(path, b);
                Fails(() => Inspector.Inspect(path), path);
            }
        }
        finally { File.Delete(path); }
    }

    /// <summary>Mutations: up to 12 (offset, value) byte writes, weighted to the header, and an optional truncation.</summary>
    private static Arbitrary<(int Offset, byte Value)[]> Mutations(int headerBytes) =>
        Gen.Zip(Gen.Choose(0, headerBytes - 1), Gen.Choose(0, 255).Select(v => (byte)v))
            .Select(t => (t.Item1, t.Item2))
            .ArrayOf()
            .Where(a => a.Length is > 0 and <= 12)
            .ToArbitrary();

    private static byte[] Apply(byte[] original, (int Offset, byte Value)[] edits)
    {
        var b = (byte[])original.Clone();
        foreach (var (o, v) in edits) if (o < b.Length) b[o] = v;
        // Use the first edit to decide on a truncation too, so short files get exercised.
        if (edits[0].Value < 32) b = b[..Math.Min(b.Length, edits[0].Offset * 7 % b.Length)];
        return b;
    }

    private static void OnlyFormatErrors(Action read)
    {
        try { read(); }
        catch (WinnowFormatException) { }
    }

    private static readonly Config Fuzz = Config.QuickThrowOnFailure.WithMaxTest(3000);

    [Fact]
    public void MutatedMrcHeadersOnlyEverGiveTheFormatException() =>
        Check.One(Fuzz, Prop.ForAll(Mutations(1024 + 160 + 16), e => OnlyFormatErrors(() => ReadMrc(Apply(MrcBytes.Value, e), "m.mrc"))));

    [Fact]
    public void MutatedCbfHeadersOnlyEverGiveTheFormatException() =>
        Check.One(Fuzz, Prop.ForAll(Mutations(CbfBytes.Length), e => OnlyFormatErrors(() => CbfReader.Read(Apply(CbfBytes, e), "m.cbf"))));

    [Fact]
    public void MutatedSmvHeadersOnlyEverGiveTheFormatException() =>
        Check.One(Fuzz, Prop.ForAll(Mutations(1024 + 16), e => OnlyFormatErrors(() => SmvReader.Read(Apply(SmvBytes.Value, e), "m.img"))));

    [Fact]
    public void MutatedStarTextOnlyEverGivesTheFormatException()
    {
        var bytes = Encoding.UTF8.GetBytes(StarText.Value);
        Check.One(Fuzz, Prop.ForAll(Mutations(bytes.Length), e => OnlyFormatErrors(() =>
        {
            var doc = StarParser.Parse(Encoding.UTF8.GetString(Apply(bytes, e)), "m.star");
            Inspector.Star(doc);
        })));
    }
}
