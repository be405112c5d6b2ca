using Winnow.Pipeline.Logging;
using Winnow.Pipeline.Notify;
using Winnow.Store;

namespace Winnow.Pipeline.Run;

/// <summary>
/// Tells people how a run ended: a line in the rolling log and a webhook message, on completion and on failure.
/// A notice that cannot be sent is logged and written to stderr; it never fails the run it reports on.
/// </summary>
public sealed class RunNotices(RollingFileLog? log, WebhookNotifier? webhook) : IDisposable
{
    /// <summary>Logs a line of progress.</summary>
    public void Info(string message) => log?.Information(message);

    /// <summary>Reports a run that ended (succeeded or failed), as the store recorded it.</summary>
    public async Task RunEndedAsync(IResultStore store, long runId, CancellationToken ct = default)
    {
        var run = (await store.GetRecentRunsAsync(50, ct)).FirstOrDefault(r => r.Id == runId);
        if (run is null)
            return;
        await SendAsync(RunMessage.For(run), run.State == RunState.Succeeded ? LogLevel.Information : LogLevel.Error, ct);
    }

    /// <summary>Reports a run that failed before it had a row in the store (the store or the model could not be opened).</summary>
    public Task FailedAsync(string job, Exception error, CancellationToken ct = default) =>
        SendAsync($"Winnow score ({job}) failed: {error.Message}", LogLevel.Error, ct);

    private async Task SendAsync(string text, LogLevel level, CancellationToken ct)
    {
        log?.Write(level, text);
        if (webhook is null)
            return;
        try
        {
            await webhook.NotifyAsync(text, ct);
        }
        catch (IOException e)
        {
            log?.Warning(e.Message);
            Console.Error.WriteLine($"winnow: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        log?.Dispose();
        webhook?.Dispose();
    }
}
