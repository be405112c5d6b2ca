using System.Security.Cryptography;

namespace Winnow.Pipeline.Ingest;

/// <summary>SHA-256 of a file's bytes, lower-case hex: the identity of an image wherever it lies.</summary>
public static class ContentHash
{
    /// <summary>Hashes the file, reading it in large sequential blocks.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 1 << 20,
            Options = FileOptions.SequentialScan | FileOptions.Asynchronous,
        });
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
