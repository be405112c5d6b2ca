namespace Winnow.Pipeline.Ingest;

/// <summary>One way laboratories lay out image files (a Rock Maker export, a detector run…), recognised from the path alone.</summary>
public interface IImageLayout
{
    /// <summary>The layout's name, stored with each inspection.</summary>
    string Name { get; }

    /// <summary>Reads the path of an image found under <paramref name="root"/>; null when the path is not in this layout.</summary>
    RecognisedImage? Recognise(string root, string path);
}
