namespace Winnow.Pipeline.Run;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/>: the images whose id modulo Count is Index, stable across restarts.</summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Parses "i/N" (0 ≤ i &lt; N); a wrong value is a FormatException that says how to write it.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var index) && int.TryParse(parts[1], out var count)
            && count >= 1 && index >= 0 && index < count)
            return new Shard(index, count);
        throw new FormatException($"--shard '{text}' is not a shard; write i/N with 0 <= i < N, e.g. 3/8.");
    }

    /// <summary>True when the image belongs to this shard.</summary>
    public bool Contains(long imageId) => imageId % Count == Index;

    /// <summary>The checkpoint file name of this shard.</summary>
    internal string FileName => $"shard-{Index:D4}-of-{Count:D4}.jsonl";

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
