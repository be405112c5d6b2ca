namespace Winnow.Formats.Mrc;

/// <summary>MRC2014 data modes (word 4 of the header).</summary>
public enum MrcMode
{
    /// <summary>8-bit signed integer (as mrcfile reads it).</summary>
    Int8 = 0,
    /// <summary>16-bit signed integer.</summary>
    Int16 = 1,
    /// <summary>32-bit IEEE float.</summary>
    Float32 = 2,
    /// <summary>Complex of two 32-bit floats (re, im).</summary>
    Complex64 = 4,
    /// <summary>16-bit unsigned integer.</summary>
    UInt16 = 6,
    /// <summary>16-bit IEEE half float.</summary>
    Float16 = 12,
    /// <summary>4-bit unsigned, two pixels a byte, each row padded to a whole byte (IMOD); read only.</summary>
    UInt4 = 101,
}

/// <summary>Sizes of the MRC modes.</summary>
internal static class MrcModes
{
    public static bool IsKnown(int mode) => mode is 0 or 1 or 2 or 4 or 6 or 12 or 101;

    /// <summary>Bytes one section of <paramref name="nx"/> × <paramref name="ny"/> takes in <paramref name="mode"/>; an
    /// <see cref="OverflowException"/> past 2⁶³ (a header with two dimensions near 2³¹ must not wrap to a small size).</summary>
    public static long SectionBytes(MrcMode mode, long nx, long ny) => checked(mode switch
    {
        MrcMode.Int8 => nx * ny,
        MrcMode.Int16 or MrcMode.UInt16 or MrcMode.Float16 => 2 * nx * ny,
        MrcMode.Float32 => 4 * nx * ny,
        MrcMode.Complex64 => 8 * nx * ny,
        MrcMode.UInt4 => (nx + 1) / 2 * ny,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    });

    /// <summary>Floats one voxel becomes when decoded: two for complex (re, im), one otherwise.</summary>
    public static int FloatsPerVoxel(MrcMode mode) => mode == MrcMode.Complex64 ? 2 : 1;
}
