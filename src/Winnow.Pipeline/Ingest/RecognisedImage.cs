namespace Winnow.Pipeline.Ingest;

/// <summary>What a layout read from an image's path: the inspection it belongs to and the fields its name carries.</summary>
/// <param name="InspectionKey">Equal for every image of one inspection, and stable across re-ingests.</param>
/// <param name="InspectionFields">Fields shared by the whole inspection (barcode, plate, run template).</param>
/// <param name="Fields">Fields of this image (well, drop, frame…), stored in its metadata JSON.</param>
public sealed record RecognisedImage(
    string Layout, string InspectionKey, string InspectionName,
    IReadOnlyDictionary<string, object> InspectionFields, IReadOnlyDictionary<string, object> Fields);
