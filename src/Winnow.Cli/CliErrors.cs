namespace Winnow.Cli;

/// <summary>Turns the errors a user can cause into one clear sentence on stderr and exit code 2, never a stack trace.</summary>
internal static class CliErrors
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"winnow: {e.Message}");
            return 2;
        }
    }

    /// <summary>Errors that come from the user's input (files, options, models), not from a bug in Winnow.</summary>
    public static bool IsUserError(Exception e) =>
        e is FormatException or IOException or UnauthorizedAccessException or ArgumentException
            or InvalidDataException or Winnow.Torch.TorchException or NotSupportedException;
}
