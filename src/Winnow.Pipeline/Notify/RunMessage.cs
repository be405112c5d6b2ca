using Winnow.Store;

namespace Winnow.Pipeline.Notify;

/// <summary>The one-line message people get when a run ends.</summary>
public static class RunMessage
{
    /// <summary>"Winnow ingest (drops) succeeded: 57 images, 0 failed in 3 s. …message"</summary>
    public static string For(RunRecord run)
    {
        var job = run.Job is { } j ? $" ({j.Name()})" : "";
        var took = run.FinishedAt is { } end ? $" in {Took(end - run.StartedAt)}" : "";
        var message = string.IsNullOrWhiteSpace(run.Message) ? "" : $". {run.Message}";
        return $"Winnow {run.Kind}{job} {run.State.ToString().ToLowerInvariant()}: {run.ImagesDone} images, {run.ImagesFailed} failed{took}{message}";
    }

    private static string Took(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} s" : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.0} h";
}
