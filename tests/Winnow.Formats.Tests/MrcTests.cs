using System.Buffers.Binary;
using Winnow.Formats.Mrc;

namespace Winnow.Formats.Tests;

public class MrcTests
{
    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}{ext}");

    [Theory]
    [InlineData(MrcMode.Int8)]
    [InlineData(MrcMode.Int16)]
    [InlineData(MrcMode.Float32)]
    [InlineData(MrcMode.Complex64)]
    [InlineData(MrcMode.UInt16)]
    [InlineData(MrcMode.Float16)]
    public void WrittenFileReadsBackIdenticallyInWinnowAndMrcfile(MrcMode mode)
    {
        const int nx = 7, ny = 5, nz = 3;
        int per = mode == MrcMode.Complex64 ? 2 : 1;
        var rng = new Random(42);
        var values = new float[nx * ny * nz * per];
        for (int i = 0; i < values.Length; i++)
            values[i] = mode switch
            {
                MrcMode.Int8 => rng.Next(-128, 128),
                MrcMode.Int16 => rng.Next(-32768, 32768),
                MrcMode.UInt16 => rng.Next(0, 65536),
                MrcMode.Float16 => (float)(Half)(float)(rng.NextDouble() * 20 - 10),
                _ => (float)(rng.NextDouble() * 2e3 - 1e3),
            };
        var path = Temp(".mrcs");
        try
        {
            MrcWriter.Write(path, new MrcWriteSpec(nx, ny, nz, mode, VoxelSize: 1.5f, IsImageStack: true), values);
            using (var mrc = MrcFile.Open(path))
            {
                Assert.Equal(values, mrc.ReadAll());
                Assert.Equal(1.5f, mrc.Header.VoxelSize.X);
                Assert.Equal(nz, mrc.Header.Mz);
                Assert.True(mrc.Header.IsImageStack);
                Assert.Empty(mrc.Header.Warnings);
            }
            if (!SystemPython.Has("mrcfile")) return;
            // mrcfile in strict mode, plus its validator (header statistics, MAP label, stamp, sizes), then the values.
            var (code, output, err) = SystemPython.Run("""
                import sys, mrcfile, numpy as np
                ok = mrcfile.validate(sys.argv[1], print_file=sys.stderr)
                with mrcfile.open(sys.argv[1], permissive=False) as m:
                    d = m.data
                    if np.iscomplexobj(d):
                        d = np.stack([d.real, d.imag], axis=-1)
                    print(int(ok), m.header.mode, tuple(float(v) for v in m.voxel_size.tolist()), m.data.shape)
                    print(" ".join(repr(float(v)) for v in d.astype(np.float64).ravel()))
                """, path);
            Assert.True(code == 0, err);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith($"1 {(int)mode} (1.5, 1.5, 1.5) ({nz}, {ny}, {nx})", lines[0]);
            var back = lines[1].Split(' ').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(values, back);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RandomAccessReadsOneSectionOfAStackWithoutTheRest()
    {
        var file = SharedData.Path("mrc/toy_projections.mrcs");
        using var mrc = MrcFile.Open(file);
        var all = mrc.ReadAll();
        var section = mrc.ReadSection(637);
        Assert.Equal(all.AsSpan(637 * 900, 900).ToArray(), section);
    }

    [Fact]
    public void BigEndianStampAndPermissiveFallbacksAreHonoured()
    {
        var path = Temp(".mrc");
        try
        {
            var values = new float[] { 1, -2, 3.5f, 4, 5, 6 };
            MrcWriter.Write(path, new MrcWriteSpec(3, 2, 1, MrcMode.Float32), values);
            var bytes = File.ReadAllBytes(path);
            // Convert to big-endian: swap every 4-byte word of the header's numeric part and the data, set stamp 0x11 0x11.
            var be = (byte[])bytes.Clone();
            foreach (int o in Enumerable.Range(0, 56).Select(i => i * 4).Concat(Enumerable.Range(0, 6).Select(i => 1024 + 4 * i)))
                if (o < 208 || o >= 1024 || o == 216 || o == 220) be.AsSpan(o, 4).Reverse();
            be[212] = 0x11; be[213] = 0x11; be[214] = 0; be[215] = 0;
            File.WriteAllBytes(path, be);
            using (var mrc = MrcFile.Open(path))
            {
                Assert.False(mrc.Header.LittleEndian);
                Assert.Equal(values, mrc.ReadAll());
            }
            // Stamp 0 and no MAP label: mrcfile's permissive mode guesses little-endian and warns; so do we.
            bytes[208] = 0; bytes[212] = 0; bytes[213] = 0;
            File.WriteAllBytes(path, bytes);
            using (var mrc = MrcFile.Open(path))
            {
                Assert.True(mrc.Header.LittleEndian);
                Assert.Equal(2, mrc.Header.Warnings.Count);
                Assert.Equal(values, mrc.ReadAll());
            }
            // A stamp that says big-endian over a little-endian file: the mode word shows the truth.
            bytes[212] = 0x11; bytes[213] = 0x11;
            File.WriteAllBytes(path, bytes);
            using (var mrc = MrcFile.Open(path))
                Assert.Equal(values, mrc.ReadAll());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ExtendedHeaderIsSkippedAndAxisOrderReported()
    {
        using var mrc = MrcFile.Open(SharedData.Path("mrc/EMD-3001.map"));
        Assert.Equal(160, mrc.Header.Nsymbt);
        Assert.Equal(160, mrc.ReadExtendedHeader().Length);
        Assert.Equal((3, 1, 2), mrc.Header.AxisOrder);
        Assert.Equal(0.04283447191119194f, mrc.ReadSection(0)[0]);
    }

    [Fact]
    public void Mode101PacksTwoPixelsPerByteRowsPadded()
    {
        var path = Temp(".mrc");
        try
        {
            var h = new byte[1024 + 2 * 2];
            BinaryPrimitives.WriteInt32LittleEndian(h, 3);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), 2);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(8), 1);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(12), 101);
            "MAP "u8.CopyTo(h.AsSpan(208)); h[212] = 0x44; h[213] = 0x44;
            h[1024] = 0x21; h[1025] = 0x03; h[1026] = 0x54; h[1027] = 0x06;
            File.WriteAllBytes(path, h);
            using var mrc = MrcFile.Open(path);
            Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, mrc.ReadAll());
        }
        finally { File.Delete(path); }
    }
}
