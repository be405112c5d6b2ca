using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Winnow.Formats.Cbf;
using Winnow.Formats.Diffraction;
using Winnow.Formats.IO;
using Winnow.Formats.Mrc;
using Winnow.Formats.Raster;
using Winnow.Formats.Smv;
using Winnow.Formats.Star;

namespace Winnow.Formats.Inspection;

/// <summary>
/// Builds the summary of any supported file as a JSON object whose keys are those the field's readers report
/// (mrcfile for MRC, dxtbx for detector images, gemmi for STAR; width, height, mode and gray_stats as Pillow for raster files).
/// </summary>
public static class Inspector
{
    /// <summary>The summary of the file at <paramref name="path"/>; throws <see cref="WinnowFormatException"/> for unreadable files.</summary>
    public static JsonObject Inspect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        byte[] head;
        long length;
        using (var s = Compression.OpenRead(path))
        {
            head = new byte[4096];
            head = head[..s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
            length = s.Length;
        }
        var kind = FileKinds.Detect(head, path, length);
        var json = kind switch
        {
            FileKind.Mrc => Mrc(path),
            FileKind.Star => Star(StarParser.ReadFile(path)),
            FileKind.Cbf => Detector(CbfReader.Read(path)),
            FileKind.Smv => Detector(SmvReader.Read(path)),
            FileKind.Raster => Raster(RasterReader.Read(path)),
            _ => throw new WinnowFormatException(path, "is not a recognised MRC, STAR, CBF, SMV, JPEG, PNG, TIFF or BMP file"),
        };
        var result = new JsonObject { ["file"] = path, ["kind"] = kind.ToString().ToLowerInvariant() };
        var compression = Compression.Detect(path);
        if (compression != CompressionKind.None) result["compression"] = compression.ToString().ToLowerInvariant();
        foreach (var (k, v) in json.ToList())
        {
            json.Remove(k);
            result[k] = v;
        }
        return result;
    }

    /// <summary>mrcfile's view of an MRC file: header fields, voxel size, data shape and statistics, first values.</summary>
    public static JsonObject Mrc(string path)
    {
        using var mrc = MrcFile.Open(path);
        var h = mrc.Header;
        var acc = new PixelStatistics.Accumulator();
        var section = new float[mrc.SectionFloats];
        float[] first = [];
        for (int z = 0; z < h.Nz; z++)
        {
            mrc.ReadSection(z, section);
            acc.Add(section);
            if (z == 0) first = section[..Math.Min(8, section.Length)];
        }
        var v = h.VoxelSize;
        return new JsonObject
        {
            ["nx"] = h.Nx, ["ny"] = h.Ny, ["nz"] = h.Nz, ["mode"] = (int)h.Mode,
            ["mx"] = h.Mx, ["my"] = h.My, ["mz"] = h.Mz,
            ["cella"] = Arr(h.CellA.X, h.CellA.Y, h.CellA.Z),
            ["voxel_size"] = Arr(v.X, v.Y, v.Z),
            ["mapc_mapr_maps"] = new JsonArray(h.AxisOrder.Mapc, h.AxisOrder.Mapr, h.AxisOrder.Maps),
            ["ispg"] = h.Ispg, ["nsymbt"] = h.Nsymbt,
            ["data_shape"] = new JsonArray([.. h.DataShape.Select(d => (JsonNode)d)]),
            ["data_stats"] = Stats(acc.Result()),
            ["first_values"] = new JsonArray([.. first.Select(f => (JsonNode)(double)f)]),
            ["origin"] = Arr(h.Origin.X, h.Origin.Y, h.Origin.Z),
            ["nversion"] = h.NVersion, ["exttyp"] = h.ExtType,
            ["byte_order"] = h.LittleEndian ? "little" : "big",
            ["is_image_stack"] = h.IsImageStack,
            ["labels"] = new JsonArray([.. h.Labels.Select(l => (JsonNode)l)]),
            ["warnings"] = new JsonArray([.. h.Warnings.Select(w => (JsonNode)w)]),
        };
    }

    /// <summary>Pillow's view of a picture: size, mode, and statistics of its grey levels (convert("L")).</summary>
    public static JsonObject Raster(RasterImage image)
    {
        var acc = new PixelStatistics.Accumulator();
        acc.Add(Array.ConvertAll(image.Grey(), v => (float)v));
        return new JsonObject
        {
            ["width"] = image.Width,
            ["height"] = image.Height,
            ["mode"] = image.Mode,
            ["bit_depth"] = image.BitDepth,
            ["gray_stats"] = Stats(acc.Result()),
        };
    }

    /// <summary>gemmi's view of a STAR document: blocks with name, pairs, and loops (tags, row count, first row).</summary>
    public static JsonObject Star(StarDocument doc)
    {
        var blocks = new JsonArray();
        foreach (var b in doc.Blocks)
        {
            var pairs = new JsonObject();
            foreach (var (k, val) in b.Pairs) pairs[k] = val;
            var loops = new JsonArray();
            foreach (var l in b.Loops)
                loops.Add(new JsonObject
                {
                    ["tags"] = new JsonArray([.. l.Tags.Select(t => (JsonNode)t)]),
                    ["rows"] = l.RowCount,
                    ["first_row"] = new JsonArray([.. (l.RowCount > 0 ? l.Row(0) : []).Select(t => (JsonNode)t)]),
                });
            // gemmi names a bare "data_" block "#".
            blocks.Add(new JsonObject { ["name"] = b.Name.Length == 0 ? "#" : b.Name, ["pairs"] = pairs, ["loops"] = loops });
        }
        return new JsonObject { ["blocks"] = blocks };
    }

    /// <summary>dxtbx's view of a detector image (panel 0): geometry, pixel statistics, mask counts, hash of the pixels.</summary>
    public static JsonObject Detector(DetectorImage img)
    {
        var px = img.Pixels;
        int firstNonZero = Array.FindIndex(px, v => v > 0);
        var g = img.Geometry;
        return new JsonObject
        {
            ["format"] = img.Format,
            ["detector"] = img.Detector,
            ["image_size_fast_slow"] = new JsonArray(img.ImageSize.Fast, img.ImageSize.Slow),
            ["pixel_size_mm"] = new JsonArray(img.PixelSizeMm.Fast, img.PixelSizeMm.Slow),
            ["wavelength_A"] = img.WavelengthA,
            ["distance_mm"] = img.DistanceMm,
            ["beam_centre_px_fast_slow"] = new JsonArray(img.BeamCentrePx.Fast, img.BeamCentrePx.Slow),
            ["trusted_range"] = new JsonArray(img.TrustedRange.Min, img.TrustedRange.Max),
            ["pixel_stats_all"] = Stats(PixelStatistics.Of(px, validOnly: false)),
            ["pixel_stats_valid"] = Stats(PixelStatistics.Of(px, validOnly: true)),
            ["count_minus1"] = PixelMask.Count(px, PixelMask.Gap),
            ["count_minus2"] = PixelMask.Count(px, PixelMask.Bad),
            ["first_nonzero_index"] = firstNonZero,
            ["raw_sha256"] = Sha256OfInt64(px),
            ["panels"] = img.Panels.Count,
            ["exposure_s"] = img.ExposureS,
            ["d_min_edge_A"] = g.EdgeResolution(),
            ["d_min_corner_A"] = g.CornerResolution(),
        };
    }

    /// <summary>SHA-256 of the pixels as little-endian int64, the way reference.json hashes numpy's int64 copy of dxtbx's data.</summary>
    public static string Sha256OfInt64(ReadOnlySpan<int> pixels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8 * 8192];
        for (int start = 0; start < pixels.Length; start += 8192)
        {
            var part = pixels.Slice(start, Math.Min(8192, pixels.Length - start));
            for (int i = 0; i < part.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8 * i), part[i]);
            hash.AppendData(buffer, 0, 8 * part.Length);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JsonObject Stats(PixelStatistics s) => s.Count == 0 ? new() { ["count"] = 0 } : new()
    {
        ["min"] = s.Min, ["max"] = s.Max, ["mean"] = s.Mean, ["std"] = s.Std, ["sum"] = s.Sum, ["count"] = s.Count,
    };

    private static JsonArray Arr(params float[] v) => new([.. v.Select(f => (JsonNode)(double)f)]);
}
