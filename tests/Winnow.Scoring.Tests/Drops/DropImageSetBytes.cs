using Winnow.Scoring.Drops;

namespace Winnow.Scoring.Tests.Drops;

/// <summary>A set's images one after another, as its cache file stores them, for comparing whole sets in tests.</summary>
internal static class DropImageSetBytes
{
    public static byte[] AllPixels(this DropImageSet set) => Enumerable.Range(0, set.Count).SelectMany(i => set.Image(i).ToArray()).ToArray();
}
