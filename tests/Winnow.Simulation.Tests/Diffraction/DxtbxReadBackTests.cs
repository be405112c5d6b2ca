using System.Diagnostics;
using System.Text.Json;
using Winnow.Simulation.Diffraction;

namespace Winnow.Simulation.Tests.Diffraction;

/// <summary>The files we write must be read by dxtbx (the DIALS reader) with the geometry we simulated.</summary>
public sealed class DxtbxReadBackTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-sim-dxtbx-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Script = """
        import sys, json, dxtbx
        i = dxtbx.load(sys.argv[1])
        p = i.get_detector()[0]; b = i.get_beam()
        d = i.get_raw_data(); d = d[0] if isinstance(d, tuple) else d
        a = d.as_numpy_array()
        bx, by = p.get_beam_centre_px(b.get_s0())
        print(json.dumps({"format": type(i).__name__, "size": list(p.get_image_size()), "pixel": p.get_pixel_size()[0],
            "distance": p.get_distance(), "wavelength": b.get_wavelength(), "beam": [bx, by],
            "sum": int(a[a >= 0].sum()), "minus1": int((a == -1).sum()), "minus2": int((a == -2).sum()),
            "first": [int(v) for v in a.ravel()[:1000]], "max": int(a.max())}))
        """;

    private JsonElement ReadWithDxtbx(string cbf)
    {
        Assert.True(File.Exists(Python), $"{Python} (with python3-dials) is needed to check the miniCBF writer against dxtbx");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(cbf);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"dxtbx failed on {cbf}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Theory]
    [InlineData(DetectorChoice.Pilatus6M, "FormatCBFMiniPilatus")]
    [InlineData(DetectorChoice.Eiger16M, "FormatCBFMiniEiger")]
    [InlineData(DetectorChoice.Small, "FormatCBFMiniPilatus")]
    public void Dxtbx_reads_the_geometry_and_pixels_we_wrote(DetectorChoice detector, string format)
    {
        var spec = ShotSpec.Random(new SimRandom(31), detector, ShotClass.Single);
        var shot = DiffractionSimulator.Simulate(spec, 8);
        // Make a few pixels need the 2- and 4-byte escapes of the byte-offset code.
        var pixels = (int[])shot.Pixels.Clone();
        pixels[shot.Width * 300 + 200] = 1000;
        pixels[shot.Width * 300 + 201] = 2_000_000;
        pixels[shot.Width * 300 + 202] = 70000;
        shot = shot with { Pixels = pixels };
        // dxtbx wants a numbered file name, as detectors write them.
        string path = Path.Combine(_dir, "shot_000001.cbf");
        ShotCbf.Write(path, shot);
        var j = ReadWithDxtbx(path);

        Assert.Equal(format, j.GetProperty("format").GetString());
        Assert.Equal(shot.Width, j.GetProperty("size")[0].GetInt32());
        Assert.Equal(shot.Height, j.GetProperty("size")[1].GetInt32());
        Assert.Equal(spec.Detector.PixelSizeMm, j.GetProperty("pixel").GetDouble(), 9);
        Assert.Equal(spec.DistanceMm, j.GetProperty("distance").GetDouble(), 4);
        Assert.Equal(spec.WavelengthA, j.GetProperty("wavelength").GetDouble(), 5);
        Assert.Equal(spec.BeamX, j.GetProperty("beam")[0].GetDouble(), 2);
        Assert.Equal(spec.BeamY, j.GetProperty("beam")[1].GetDouble(), 2);
        Assert.Equal(shot.Pixels.Where(v => v >= 0).Sum(v => (long)v), j.GetProperty("sum").GetInt64());
        Assert.Equal(shot.Pixels.Count(v => v == -1), j.GetProperty("minus1").GetInt32());
        Assert.Equal(spec.Detector.BadPixels, j.GetProperty("minus2").GetInt32());
        Assert.Equal(shot.Pixels.Max(), j.GetProperty("max").GetInt32());
        Assert.Equal(shot.Pixels.Take(1000), j.GetProperty("first").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Gap_counts_match_the_real_detectors()
    {
        // The real PILATUS3 6M and EIGER 16M files in shared/data have exactly these many -1 pixels (reference.json).
        Assert.Equal(526101, Count(DetectorModel.Pilatus6M));
        Assert.Equal(1250824, Count(DetectorModel.Eiger16M));

        static int Count(DetectorModel d)
        {
            int n = 0;
            for (int y = 0; y < d.Height; y++)
                for (int x = 0; x < d.Width; x++)
                    if (d.IsGapRow(y) || d.IsGapColumn(x))
                        n++;
            return n;
        }
    }
}
