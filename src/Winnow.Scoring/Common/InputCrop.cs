namespace Winnow.Scoring.Common;

/// <summary>What part of a photograph a raster classifier sees before it is resized to the model's input.</summary>
public enum InputCrop
{
    /// <summary>The whole frame, resized to the input (whatever its aspect ratio).</summary>
    Full,
    /// <summary>
    /// The square around the well's bright interior (see <see cref="WellLocator"/>), or the whole frame where no well is
    /// found: the dark rim and the plastic outside it carry nothing, and dropping them makes every crystal about 1.3×
    /// larger at the same input size, at no network cost.
    /// </summary>
    Well,
}

/// <summary>The names cards use for <see cref="InputCrop"/> ("full", "well").</summary>
public static class InputCrops
{
    /// <summary>The card value for <paramref name="crop"/>.</summary>
    public static string Name(InputCrop crop) => crop == InputCrop.Well ? "well" : "full";

    /// <summary>Parses a card or command-line value; anything else names the accepted values.</summary>
    public static InputCrop Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "full" or "" => InputCrop.Full,
        "well" => InputCrop.Well,
        _ => throw new FormatException($"crop '{text}' is not known; use full or well."),
    };
}
