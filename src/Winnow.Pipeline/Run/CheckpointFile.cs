using System.Text;
using System.Text.Json;

namespace Winnow.Pipeline.Run;

/// <summary>
/// A checkpoint: JSON lines, one scored batch per line, each line on disk (fsync) before the batch's staged files
/// are removed. A process killed mid-write leaves a torn last line; reading skips it and appending cuts it off first,
/// so those images are simply scored again.
/// </summary>
internal sealed class CheckpointFile : IDisposable
{
    private readonly FileStream _stream;

    private CheckpointFile(FileStream stream) => _stream = stream;

    /// <summary>The file written to.</summary>
    public string Path => _stream.Name;

    /// <summary>Opens a checkpoint for appending, creating it (and its folder) when missing and cutting off a torn last line.</summary>
    public static CheckpointFile OpenForAppend(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        FileStream stream;
        try
        {
            // Exclusive: a second run (an hourly cron run overlapping a long one) must not append to the same file.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new IOException($"{path}: another winnow run is writing this checkpoint ({e.Message}); let it finish, or give this run another --scratch.", e);
        }
        stream.SetLength(CompleteLength(stream));
        stream.Seek(0, SeekOrigin.End);
        return new CheckpointFile(stream);
    }

    /// <summary>Appends one batch and waits until it is on disk.</summary>
    internal void Append(CheckpointBatch batch)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(batch, CheckpointJson.Default.CheckpointBatch);
        _stream.Write(line);
        _stream.WriteByte((byte)'\n');
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>The complete batches of a checkpoint file, in the order written; a torn last line is left out.</summary>
    internal static IReadOnlyList<CheckpointBatch> Read(string path)
    {
        var batches = new List<CheckpointBatch>();
        byte[] bytes;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new IOException($"{path}: another winnow run is writing this checkpoint ({e.Message}); let it finish, or give this run another --scratch.", e);
        }
        using (stream)
        {
            bytes = new byte[CompleteLength(stream)];
            stream.Position = 0;
            stream.ReadExactly(bytes);
        }
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lineNumber++;
            try
            {
                batches.Add(JsonSerializer.Deserialize(line, CheckpointJson.Default.CheckpointBatch)
                    ?? throw new InvalidDataException("empty line"));
            }
            catch (JsonException e)
            {
                // Complete lines were fsynced whole; a bad one means someone edited or damaged the file.
                throw new InvalidDataException(
                    $"{path}: line {lineNumber} of the checkpoint is damaged ({e.Message}); delete the file to score those images again.", e);
            }
        }
        return batches;
    }

    // Length up to and including the last newline: everything after it is a torn write.
    private static long CompleteLength(FileStream stream)
    {
        var length = stream.Length;
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Position = start;
            var count = (int)(end - start);
            stream.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
                return start + newline + 1;
            end = start;
        }
        return 0;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
