namespace Winnow.Pipeline.Run;

/// <summary>An image copied to scratch, or the reason it could not be.</summary>
internal sealed record StagedImage(Winnow.Store.ImageRecord Image, string? Local, string? Error);

/// <summary>
/// The stage step: copies a batch of images to a local scratch folder with at most N copies at once (C4 allowed
/// 10 connections to its file server), so the model reads local disk and a slow share is read once.
/// </summary>
internal sealed class Stager(string folder, int concurrency)
{
    /// <summary>Removes what an earlier, killed run left staged and makes the folder.</summary>
    public void Reset()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
    }

    /// <summary>Copies the images of one batch; a file that cannot be read is returned with its reason, not thrown.</summary>
    public async Task<IReadOnlyList<StagedImage>> StageAsync(IReadOnlyList<Winnow.Store.ImageRecord> images, CancellationToken ct)
    {
        var staged = new StagedImage[images.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, images.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            (i, _) =>
            {
                staged[i] = Copy(images[i]);
                return ValueTask.CompletedTask;
            });
        return staged;
    }

    private StagedImage Copy(Winnow.Store.ImageRecord image)
    {
        // The id keeps two images with the same file name apart; the name keeps its extensions (.cbf.gz) for the reader.
        var local = Path.Combine(folder, $"{image.Id}_{Path.GetFileName(image.Path)}");
        try
        {
            // File.Copy lets the kernel copy (copy_file_range/sendfile): no bytes pass through managed buffers,
            // so staging takes little CPU from the scorer.
            File.Copy(image.Path, local, overwrite: true);
            return new StagedImage(image, local, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StagedImage(image, null, $"{image.Path}: cannot be read ({e.Message})");
        }
    }

    /// <summary>Removes a batch's staged copies (after its checkpoint is on disk).</summary>
    public static void Remove(IEnumerable<StagedImage> batch)
    {
        foreach (var image in batch)
        {
            if (image.Local is not null)
                File.Delete(image.Local);
        }
    }

    /// <summary>Removes the staging folder at the end of a run.</summary>
    public void Clean()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
