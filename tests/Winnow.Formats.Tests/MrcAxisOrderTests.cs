using System.Buffers.Binary;
using Winnow.Formats.Mrc;

namespace Winnow.Formats.Tests;

public class MrcAxisOrderTests
{
    [Fact]
    public void DataIsReorderedToXyzFromMapcMaprMaps()
    {
        using var dir = new TempDirectory();
        var path = dir.File("permuted.mrc");
        // File order: 4 sections × 3 rows × 2 columns, value = 100·section + 10·row + column.
        var values = new float[4 * 3 * 2];
        for (int s = 0, i = 0; s < 4; s++)
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 2; c++)
                    values[i++] = 100 * s + 10 * r + c;
        MrcWriter.Write(path, new MrcWriteSpec(2, 3, 4, MrcMode.Float32), values);
        // Columns run along Z, rows along X, sections along Y (mapc=3, mapr=1, maps=2).
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(64), 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(68), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(72), 2);
        File.WriteAllBytes(path, bytes);

        using var mrc = MrcFile.Open(path);
        var (data, shape) = mrc.ReadAllXyz();
        Assert.Equal(new[] { 2, 4, 3 }, shape); // Z = columns (2), Y = sections (4), X = rows (3)
        for (int z = 0; z < 2; z++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 3; x++)
                    Assert.Equal(100 * y + 10 * x + z, data[(z * 4 + y) * 3 + x]);
    }

    [Fact]
    public void StandardOrderIsReturnedAsStored()
    {
        using var mrc = MrcFile.Open(SharedData.Path("mrc/EMD-3197.map"));
        var (data, shape) = mrc.ReadAllXyz();
        Assert.Equal(mrc.ReadAll(), data);
        Assert.Equal(new[] { mrc.Header.Nz, mrc.Header.Ny, mrc.Header.Nx }, shape);
    }
}
