using System.Diagnostics;
using Winnow.Formats.Cbf;
using Winnow.Formats.Mrc;

// Decodes the same files as bench/formats/reference.py, from disk, and prints "<kind> <MB/s of decoded data> <files> <reps>".
// Usage: Winnow.Bench.Formats <reps> <cbf|mrc> FILE...
int reps = int.Parse(args[0]);
string kind = args[1];
var files = args[2..];

long Decode(string path)
{
    if (kind == "cbf") return CbfReader.Read(path).Pixels.LongLength * sizeof(int);
    using var mrc = MrcFile.Open(path);
    return mrc.ReadAll().LongLength * sizeof(float);
}

foreach (var f in files) Decode(f); // warm-up: JIT and page cache, as the Python side also warms up
long bytes = 0;
var sw = Stopwatch.StartNew();
for (int r = 0; r < reps; r++)
    foreach (var f in files) bytes += Decode(f);
sw.Stop();
Console.WriteLine($"{kind} {bytes / 1e6 / sw.Elapsed.TotalSeconds:F1} {files.Length} {reps}");
