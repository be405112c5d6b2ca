namespace Winnow.Simulation.Diffraction;

/// <summary>Shadow of the beam stop on the detector: a disc near the beam centre and the arm that holds it.</summary>
/// <param name="CentreX">Disc centre, fast pixel coordinate.</param>
/// <param name="CentreY">Disc centre, slow pixel coordinate.</param>
/// <param name="RadiusPx">Disc radius in pixels.</param>
/// <param name="ArmWidthPx">Width of the holding arm in pixels.</param>
/// <param name="ArmAngle">Direction of the arm from the disc (radians, 0 = +fast).</param>
/// <param name="Transmission">Fraction of the scatter that gets through the stop.</param>
public sealed record BeamStopSpec(double CentreX, double CentreY, double RadiusPx, double ArmWidthPx, double ArmAngle, double Transmission)
{
    /// <summary>Whether the pixel centred at (x, y) lies in the shadow.</summary>
    public bool Shadows(double x, double y)
    {
        double dx = x - CentreX, dy = y - CentreY;
        if (dx * dx + dy * dy <= RadiusPx * RadiusPx)
            return true;
        double along = dx * Math.Cos(ArmAngle) + dy * Math.Sin(ArmAngle);
        double across = -dx * Math.Sin(ArmAngle) + dy * Math.Cos(ArmAngle);
        return along > 0 && Math.Abs(across) <= ArmWidthPx / 2;
    }
}
