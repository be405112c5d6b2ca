namespace Winnow.Formats;

/// <summary>A file that cannot be read as the format it claims to be; the message names the file and the problem.</summary>
public sealed class WinnowFormatException : FormatException
{
    /// <summary>Creates the error for <paramref name="path"/> with a one-sentence <paramref name="problem"/>.</summary>
    public WinnowFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read (or a description such as "&lt;stream&gt;").</summary>
    public string FilePath { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }

    /// <summary>What went wrong with a file, for a message that names the file itself: a format error's problem without
    /// its file name (which would then appear twice), any other error's message.</summary>
    public static string ProblemOf(Exception e) => e is WinnowFormatException f ? f.Problem : e.Message;
}
