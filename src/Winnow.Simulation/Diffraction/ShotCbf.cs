using Winnow.Formats.Cbf;

namespace Winnow.Simulation.Diffraction;

/// <summary>Writes a simulated shot as the miniCBF a DECTRIS detector would have written.</summary>
public static class ShotCbf
{
    /// <summary>The miniCBF header of a shot (geometry in metres, as the PILATUS header convention wants).</summary>
    public static MiniCbfHeader Header(SimulatedShot shot, string dataName) => new(
        Detector: shot.Spec.Detector.HeaderName,
        PixelSizeMetres: shot.Geometry.PixelSizeMm / 1000,
        WavelengthAngstrom: shot.Geometry.WavelengthA,
        DistanceMetres: shot.Geometry.DistanceMm / 1000,
        BeamXPixels: shot.Geometry.BeamX,
        BeamYPixels: shot.Geometry.BeamY,
        CountCutoff: shot.Spec.Detector.CountCutoff,
        DataName: dataName);

    /// <summary>Writes <paramref name="shot"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SimulatedShot shot) =>
        MiniCbfWriter.Write(path, shot.Pixels, shot.Width, shot.Height, Header(shot, Path.GetFileNameWithoutExtension(path)));
}
