using System.Globalization;
using Winnow.Formats.Star;

namespace Winnow.Formats.Cbf;

/// <summary>
/// Experiment geometry from the full imgCIF tables (_axis, _array_structure_list(_axis), _diffrn_scan_frame_axis,
/// _array_element_size, _diffrn_radiation_wavelength): the axis chain of the detector element is applied to its pixel
/// grid and intersected with the beam, which travels along −Z (imgCIF's Z points from the sample to the source).
/// </summary>
internal sealed record ImgCifGeometry(double? WavelengthA, (double Fast, double Slow)? PixelSizeMm, double? DistanceMm, (double Fast, double Slow)? BeamCentrePx)
{
    private sealed record Axis(string Id, string Type, string DependsOn, double[] Vector, double[] Offset);

    public static ImgCifGeometry From(StarBlock block)
    {
        double? wavelength = First(block, "_diffrn_radiation_wavelength.wavelength");
        (double, double)? pixel = null;
        var sizes = Column(block, "_array_element_size.size");
        if (sizes.Length >= 2) pixel = (sizes[0] * 1000, sizes[1] * 1000);
        var (distance, beam) = Detector(block);
        return new ImgCifGeometry(wavelength, pixel, distance, beam);
    }

    private static (double?, (double, double)?) Detector(StarBlock block)
    {
        var axisLoop = block.FindLoop("_axis.id");
        var listLoop = block.FindLoop("_array_structure_list.precedence");
        var listAxisLoop = block.FindLoop("_array_structure_list_axis.axis_id");
        if (axisLoop is null || listLoop is null || listAxisLoop is null) return (null, null);

        var axes = new Dictionary<string, Axis>(StringComparer.OrdinalIgnoreCase);
        for (int r = 0; r < axisLoop.RowCount; r++)
        {
            string Get(string t) => axisLoop.IndexOf(t) is int i and >= 0 ? StarValue.Unquote(axisLoop[r, i]) : ".";
            double N(string t) => double.TryParse(Get(t), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
            var a = new Axis(Get("_axis.id"), Get("_axis.type"), Get("_axis.depends_on"),
                [N("_axis.vector[1]"), N("_axis.vector[2]"), N("_axis.vector[3]")],
                [N("_axis.offset[1]"), N("_axis.offset[2]"), N("_axis.offset[3]")]);
            axes[a.Id] = a;
        }
        var settings = Settings(block);

        // Fast (precedence 1) and slow (precedence 2) axis sets of the array, and where their pixel 0 sits.
        string? fastSet = null, slowSet = null;
        for (int r = 0; r < listLoop.RowCount; r++)
        {
            var prec = StarValue.Unquote(listLoop[r, listLoop.IndexOf("_array_structure_list.precedence")]);
            var set = StarValue.Unquote(listLoop[r, listLoop.IndexOf("_array_structure_list.axis_set_id")]);
            if (prec == "1") fastSet = set; else if (prec == "2") slowSet = set;
        }
        if (fastSet is null || slowSet is null) return (null, null);
        (string Axis, double Disp, double Inc)? Element(string set)
        {
            for (int r = 0; r < listAxisLoop.RowCount; r++)
            {
                string G(string t) => listAxisLoop.IndexOf(t) is int i and >= 0 ? StarValue.Unquote(listAxisLoop[r, i]) : "0";
                if (!string.Equals(G("_array_structure_list_axis.axis_set_id"), set, StringComparison.OrdinalIgnoreCase)) continue;
                double N(string t) => double.TryParse(G(t), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
                return (G("_array_structure_list_axis.axis_id"), N("_array_structure_list_axis.displacement"),
                    N("_array_structure_list_axis.displacement_increment"));
            }
            return null;
        }
        if (Element(fastSet) is not { } fast || Element(slowSet) is not { } slow) return (null, null);
        if (!axes.ContainsKey(fast.Axis) || !axes.ContainsKey(slow.Axis)) return (null, null);

        // Lab position of the point at pixel indices (i, j) (pixel centres at integers, as displacement refers to centres).
        double[] Position(double i, double j)
        {
            var p = new double[3];
            Add(p, axes[fast.Axis].Vector, fast.Disp + i * fast.Inc);
            Add(p, axes[slow.Axis].Vector, slow.Disp + j * slow.Inc);
            var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string id = fast.Axis;
            while (id != "." && axes.TryGetValue(id, out var a) && visited.Add(id))
            {
                double s = settings.GetValueOrDefault(a.Id);
                if (a.Type.Equals("rotation", StringComparison.OrdinalIgnoreCase)) p = Rotate(p, a.Vector, s);
                else if (a.Id != fast.Axis && a.Id != slow.Axis) Add(p, a.Vector, s);
                Add(p, a.Offset, 1);
                id = a.DependsOn;
            }
            return p;
        }
        var o = Position(0, 0);
        var f = Sub(Position(1, 0), o);
        var sl = Sub(Position(0, 1), o);
        var n = Cross(f, sl);
        double nn = Math.Sqrt(Dot(n, n));
        if (nn == 0) return (null, null);
        double distance = Math.Abs(Dot(n, o)) / nn;
        // Beam along -Z: solve o + u f + v s = (0, 0, z) for u, v.
        double det = f[0] * sl[1] - f[1] * sl[0];
        if (Math.Abs(det) < 1e-12) return (distance, null);
        double u = (-o[0] * sl[1] + o[1] * sl[0]) / det;
        double v = (-f[0] * o[1] + f[1] * o[0]) / det;
        return (distance, (u + 0.5, v + 0.5));
    }

    private static Dictionary<string, double> Settings(StarBlock block)
    {
        var d = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        void From(string idTag, string[] valueTags)
        {
            var loop = block.FindLoop(idTag);
            if (loop is null) return;
            for (int r = 0; r < loop.RowCount; r++)
            {
                var id = StarValue.Unquote(loop[r, loop.IndexOf(idTag)]);
                foreach (var t in valueTags)
                {
                    int c = loop.IndexOf(t);
                    if (c >= 0 && double.TryParse(StarValue.Unquote(loop[r, c]), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v != 0)
                        d[id] = v;
                }
            }
        }
        From("_diffrn_scan_axis.axis_id", ["_diffrn_scan_axis.angle_start", "_diffrn_scan_axis.displacement_start"]);
        From("_diffrn_scan_frame_axis.axis_id", ["_diffrn_scan_frame_axis.angle", "_diffrn_scan_frame_axis.displacement"]);
        return d;
    }

    private static double? First(StarBlock block, string tag)
    {
        var raw = block.GetRaw(tag);
        if (raw is null && block.FindLoop(tag) is { RowCount: > 0 } loop) raw = loop[0, loop.IndexOf(tag)];
        return raw is not null && double.TryParse(StarValue.Unquote(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static double[] Column(StarBlock block, string tag)
    {
        var loop = block.FindLoop(tag);
        if (loop is null) return First(block, tag) is { } one ? [one, one] : [];
        var c = loop.IndexOf(tag);
        var list = new List<double>();
        for (int r = 0; r < loop.RowCount; r++)
            if (double.TryParse(StarValue.Unquote(loop[r, c]), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) list.Add(v);
        return [.. list];
    }

    private static void Add(double[] p, double[] v, double s) { p[0] += v[0] * s; p[1] += v[1] * s; p[2] += v[2] * s; }
    private static double[] Sub(double[] a, double[] b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    private static double[] Cross(double[] a, double[] b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

    /// <summary>Rotates <paramref name="p"/> by <paramref name="degrees"/> about unit axis <paramref name="k"/> (Rodrigues).</summary>
    private static double[] Rotate(double[] p, double[] k, double degrees)
    {
        double kn = Math.Sqrt(Dot(k, k));
        if (kn == 0 || degrees == 0) return p;
        var u = new[] { k[0] / kn, k[1] / kn, k[2] / kn };
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), d = Dot(u, p);
        var x = Cross(u, p);
        return [p[0] * c + x[0] * s + u[0] * d * (1 - c), p[1] * c + x[1] * s + u[1] * d * (1 - c), p[2] * c + x[2] * s + u[2] * d * (1 - c)];
    }
}
