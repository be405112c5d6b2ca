using System.Buffers.Binary;
using System.Text;

namespace Winnow.Formats.Mrc;

/// <summary>The 1024-byte MRC2014 main header, decoded in the file's own byte order.</summary>
public sealed record MrcHeader
{
    /// <summary>Size of the main header in bytes.</summary>
    public const int Size = 1024;

    /// <summary>Columns, rows and sections (fastest first).</summary>
    public int Nx { get; init; }
    /// <summary>Rows.</summary>
    public int Ny { get; init; }
    /// <summary>Sections (or images in a stack).</summary>
    public int Nz { get; init; }
    /// <summary>Data mode.</summary>
    public MrcMode Mode { get; init; }
    /// <summary>Start of the map along columns, rows, sections.</summary>
    public (int X, int Y, int Z) Start { get; init; }
    /// <summary>Sampling along X, Y, Z of the unit cell.</summary>
    public int Mx { get; init; }
    /// <summary>Sampling along Y.</summary>
    public int My { get; init; }
    /// <summary>Sampling along Z (RELION stacks write mz = nz).</summary>
    public int Mz { get; init; }
    /// <summary>Cell dimensions in Å.</summary>
    public (float X, float Y, float Z) CellA { get; init; }
    /// <summary>Cell angles in degrees.</summary>
    public (float Alpha, float Beta, float Gamma) CellB { get; init; }
    /// <summary>Which axis (1=X, 2=Y, 3=Z) runs along columns, rows and sections.</summary>
    public (int Mapc, int Mapr, int Maps) AxisOrder { get; init; }
    /// <summary>Minimum, maximum and mean density recorded in the header.</summary>
    public (float Min, float Max, float Mean) DensityStats { get; init; }
    /// <summary>Space group: 0 for image stacks, 1 for single volumes, 401–630 for volume stacks.</summary>
    public int Ispg { get; init; }
    /// <summary>Bytes of extended header after the main header.</summary>
    public int Nsymbt { get; init; }
    /// <summary>Extended header type (e.g. "FEI1", "CCP4").</summary>
    public string ExtType { get; init; } = "";
    /// <summary>MRC format version (20140 for MRC2014).</summary>
    public int NVersion { get; init; }
    /// <summary>Origin in Å.</summary>
    public (float X, float Y, float Z) Origin { get; init; }
    /// <summary>True when the file stores little-endian numbers.</summary>
    public bool LittleEndian { get; init; }
    /// <summary>The machine stamp bytes as found.</summary>
    public byte[] MachineStamp { get; init; } = [];
    /// <summary>RMS deviation recorded in the header.</summary>
    public float Rms { get; init; }
    /// <summary>Text labels (up to ten, 80 characters each).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Warnings of the permissive fallbacks applied (wrong stamp, missing MAP label), as mrcfile would warn.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Voxel size in Å, cella / (mx, my, mz) as mrcfile computes it (0 where the sampling is 0).</summary>
    public (float X, float Y, float Z) VoxelSize => (Div(CellA.X, Mx), Div(CellA.Y, My), Div(CellA.Z, Mz));

    /// <summary>True for a stack of 2-D images (ispg 0 with more than one section) rather than a volume.</summary>
    public bool IsImageStack => Ispg == 0 && Nz > 1;

    /// <summary>True for a stack of volumes (ispg 401–630).</summary>
    public bool IsVolumeStack => Ispg is >= 401 and <= 630;

    /// <summary>Data shape as mrcfile reports it: (ny, nx) for one image, (nz, ny, nx) otherwise, (n, mz, ny, nx) for volume stacks.</summary>
    public int[] DataShape =>
        IsVolumeStack && Mz > 0 ? [Nz / Mz, Mz, Ny, Nx]
        : Ispg == 0 && Nz == 1 ? [Ny, Nx]
        : [Nz, Ny, Nx];

    /// <summary>Bytes of one section (one image of a stack).</summary>
    public long SectionBytes => MrcModes.SectionBytes(Mode, Nx, Ny);

    /// <summary>Offset of the first data byte: main header plus extended header.</summary>
    public long DataOffset => Size + (long)Nsymbt;

    /// <summary>Bytes of data the header promises.</summary>
    public long DataBytes => checked(SectionBytes * Nz);

    private static float Div(float a, int b) => b == 0 ? 0f : a / b;

    /// <summary>
    /// Decodes a header, applying mrcfile's permissive fallbacks (unknown stamp → little-endian unless the mode only makes
    /// sense swapped; a missing MAP label is a warning) and refusing what no reader could use, before any data is touched.
    /// </summary>
    public static MrcHeader Parse(ReadOnlySpan<byte> h, string path, long fileLength)
    {
        if (h.Length < Size)
            throw new WinnowFormatException(path, $"is {h.Length} bytes, too short for the 1024-byte MRC header");
        var warnings = new List<string>();
        if (!(h[208] == 'M' && h[209] == 'A' && h[210] == 'P'))
            warnings.Add("map ID string 'MAP ' not found");
        var stamp = h.Slice(212, 4).ToArray();
        bool little;
        if (stamp[0] == 0x44 && stamp[1] is 0x44 or 0x41) little = true;
        else if (stamp[0] == 0x11 && stamp[1] == 0x11) little = false;
        else
        {
            warnings.Add($"unrecognised machine stamp {Convert.ToHexString(stamp)}; guessing byte order");
            little = true;
        }
        int modeLe = BinaryPrimitives.ReadInt32LittleEndian(h[12..]), modeBe = BinaryPrimitives.ReadInt32BigEndian(h[12..]);
        if (!MrcModes.IsKnown(little ? modeLe : modeBe) && MrcModes.IsKnown(little ? modeBe : modeLe))
        {
            // Files exist whose stamp names the wrong byte order; the mode word tells the truth (mrcfile does the same).
            warnings.Add("machine stamp does not match the byte order of the mode word; using the mode's");
            little = !little;
        }
        var r = new Reader(h, little);
        int mode = r.I(12);
        if (!MrcModes.IsKnown(mode))
            throw new WinnowFormatException(path, $"has unknown MRC mode {mode} (known: 0, 1, 2, 4, 6, 12, 101)");
        int nx = r.I(0), ny = r.I(4), nz = r.I(8), nsymbt = r.I(92);
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new WinnowFormatException(path, $"has non-positive MRC dimensions nx={nx} ny={ny} nz={nz}");
        if (nsymbt < 0)
            throw new WinnowFormatException(path, $"has negative extended header size nsymbt={nsymbt}");
        var header = new MrcHeader
        {
            Nx = nx, Ny = ny, Nz = nz, Mode = (MrcMode)mode,
            Start = (r.I(16), r.I(20), r.I(24)),
            Mx = r.I(28), My = r.I(32), Mz = r.I(36),
            CellA = (r.F(40), r.F(44), r.F(48)),
            CellB = (r.F(52), r.F(56), r.F(60)),
            AxisOrder = (r.I(64), r.I(68), r.I(72)),
            DensityStats = (r.F(76), r.F(80), r.F(84)),
            Ispg = r.I(88), Nsymbt = nsymbt,
            ExtType = Encoding.ASCII.GetString(h.Slice(104, 4)).TrimEnd('\0', ' '),
            NVersion = r.I(108),
            Origin = (r.F(196), r.F(200), r.F(204)),
            LittleEndian = little, MachineStamp = stamp,
            Rms = r.F(216),
            Labels = ReadLabels(h, Math.Clamp(r.I(220), 0, 10)),
            Warnings = warnings,
        };
        var axes = header.AxisOrder;
        if (!IsPermutation(axes.Mapc, axes.Mapr, axes.Maps) && !(axes is (0, 0, 0)))
            throw new WinnowFormatException(path, $"has invalid axis order mapc/mapr/maps = {axes.Mapc}/{axes.Mapr}/{axes.Maps}");
        // nx·ny·nz·8 can pass 2⁶³ (three dimensions near 2³¹); unchecked it would wrap to a small, "valid" size.
        long need;
        try { need = checked(header.DataOffset + header.DataBytes); }
        catch (OverflowException)
        {
            throw new WinnowFormatException(path, $"header promises more than 2^63 bytes ({nx}×{ny}×{nz}, mode {mode}) but the file holds {fileLength}");
        }
        if (need > fileLength)
            throw new WinnowFormatException(path,
                $"header promises {need} bytes ({nx}×{ny}×{nz}, mode {mode}, {nsymbt} extended) but the file holds {fileLength}");
        return header;
    }

    private static bool IsPermutation(int a, int b, int c) =>
        a is >= 1 and <= 3 && b is >= 1 and <= 3 && c is >= 1 and <= 3 && a != b && b != c && a != c;

    private static string[] ReadLabels(ReadOnlySpan<byte> h, int n)
    {
        var labels = new string[n];
        for (int i = 0; i < n; i++)
            labels[i] = Encoding.Latin1.GetString(h.Slice(224 + 80 * i, 80)).TrimEnd('\0', ' ');
        return labels;
    }

    /// <summary>Reads header words in the file's byte order.</summary>
    private readonly ref struct Reader(ReadOnlySpan<byte> h, bool little)
    {
        private readonly ReadOnlySpan<byte> _h = h;
        public int I(int o) => little ? BinaryPrimitives.ReadInt32LittleEndian(_h[o..]) : BinaryPrimitives.ReadInt32BigEndian(_h[o..]);
        public float F(int o) => little ? BinaryPrimitives.ReadSingleLittleEndian(_h[o..]) : BinaryPrimitives.ReadSingleBigEndian(_h[o..]);
    }
}
