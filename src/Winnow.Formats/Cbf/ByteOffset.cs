using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Winnow.Formats.Cbf;

/// <summary>
/// CBFlib's "byte_offset" compression: each value is the previous plus a delta stored in 1 byte, or after an 0x80 escape in
/// 2 bytes, or after 0x8000 in 4 bytes, or after 0x80000000 in 8 bytes (all little-endian, signed).
/// </summary>
internal static class ByteOffset
{
    /// <summary>
    /// Decodes exactly <c>destination.Length</c> values from <paramref name="source"/>; returns the bytes consumed,
    /// or -1 when the source ends first or a value does not fit 32 bits.
    /// </summary>
    // Compiled fully optimised at first call, not tiered: a scoring run decodes only tens of shots (see SpotFinder).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe long Decode(ReadOnlySpan<byte> source, Span<int> destination)
    {
        fixed (byte* src0 = source)
        fixed (int* dst0 = destination)
        {
            byte* p = src0, end = src0 + source.Length;
            int* d = dst0, dend = dst0 + destination.Length;
            long value = 0;
            // Fast path: while at least 15 bytes remain, no bounds check is needed for any escape sequence.
            byte* safeEnd = source.Length >= 15 ? end - 14 : src0;
            var escape = Vector128.Create((sbyte)-128);
            while (d < dend && p < safeEnd)
            {
                // Sixteen one-byte deltas at once where no escape is among them (most of a shot: the background changes
                // by a few counts from pixel to pixel). Far enough from the 32-bit limits that 16 × 127 cannot cross them.
                if (Sse41.IsSupported && dend - d >= 16 && end - p >= 16 && value > int.MinValue + 4096 && value < int.MaxValue - 4096
                    && Sse2.MoveMask(Sse2.CompareEqual(Sse2.LoadVector128((sbyte*)p), escape)) == 0)
                {
                    var carry = Vector128.Create((int)value);
                    for (int q = 0; q < 16; q += 4)
                    {
                        // Prefix sum of four deltas: add the vector shifted by one lane, then by two.
                        var v = Sse41.ConvertToVector128Int32((sbyte*)(p + q));
                        v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 4));
                        v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 8));
                        v = Sse2.Add(v, carry);
                        Sse2.Store(d + q, v);
                        carry = Sse2.Shuffle(v, 0xFF);
                    }
                    value = d[15];
                    d += 16;
                    p += 16;
                    continue;
                }
                sbyte b = *(sbyte*)p;
                if (b != -128) { value += b; p++; }
                else
                {
                    short s = *(short*)(p + 1);
                    if (s != short.MinValue) { value += s; p += 3; }
                    else
                    {
                        int w = *(int*)(p + 3);
                        if (w != int.MinValue) { value += w; p += 7; }
                        else { value += *(long*)(p + 7); p += 15; }
                    }
                }
                if ((ulong)(value - int.MinValue) > uint.MaxValue) return -1;
                *d++ = (int)value;
            }
            while (d < dend)
            {
                if (p >= end) return -1;
                sbyte b = *(sbyte*)p;
                if (b != -128) { value += b; p++; }
                else
                {
                    if (end - p < 3) return -1;
                    short s = *(short*)(p + 1);
                    if (s != short.MinValue) { value += s; p += 3; }
                    else
                    {
                        if (end - p < 7) return -1;
                        int w = *(int*)(p + 3);
                        if (w != int.MinValue) { value += w; p += 7; }
                        else
                        {
                            if (end - p < 15) return -1;
                            value += *(long*)(p + 7);
                            p += 15;
                        }
                    }
                }
                if ((ulong)(value - int.MinValue) > uint.MaxValue) return -1;
                *d++ = (int)value;
            }
            return p - src0;
        }
    }
}
