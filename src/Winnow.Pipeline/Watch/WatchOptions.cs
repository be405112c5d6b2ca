using Winnow.Pipeline.Run;

namespace Winnow.Pipeline.Watch;

/// <summary>How `winnow watch` behaves: the folder, the quiet period that marks an inspection complete, how often to look.</summary>
/// <param name="Once">Look once, ingest and score what has settled, and stop (for cron and tests).</param>
public sealed record WatchOptions(string Folder, TimeSpan Settle, TimeSpan Poll, RunOptions Run, bool Once = false);
