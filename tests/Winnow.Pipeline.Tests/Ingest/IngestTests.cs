using System.Text.Json;
using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Ingest;

/// <summary>Ingest into an SQLite store of the real sample folders (read only) and of synthetic trees in temp folders.</summary>
public sealed class IngestTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();
    private IResultStore _store = null!;

    public async Task InitializeAsync() => _store = await ResultStore.OpenAsync(Path.Combine(_temp.Path, "winnow.db"));

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, (long Size, DateTime Modified)> Snapshot(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => (File.Exists(p) ? new FileInfo(p).Length : -1, File.GetLastWriteTimeUtc(p)));

    [Fact]
    public async Task The_real_drops_folder_is_one_plate_inspection_plus_a_folder_of_other_images_and_is_not_touched()
    {
        var drops = SharedData.Path("drops");
        var before = Snapshot(drops);
        var report = await new Ingester(_store).IngestAsync(drops, JobKind.Drops);

        Assert.Equal(57, report.ImagesFound);
        Assert.Equal(57, report.ImagesAdded);
        Assert.Empty(report.Unreadable);
        var plate = Assert.Single(report.Inspections, i => i.Layout == "rockmaker-export");
        Assert.Equal("90j8", plate.Name);
        Assert.Equal(48, plate.Images);
        var rest = Assert.Single(report.Inspections, i => i.Layout == "folder");
        Assert.Equal(9, rest.Images);

        var image = await _store.FindImageAsync(Path.Combine(drops, "90j8_03C_2.jpg"));
        Assert.NotNull(image);
        using var metadata = JsonDocument.Parse(image.MetadataJson);
        Assert.Equal("90j8", metadata.RootElement.GetProperty("barcode").GetString());
        Assert.Equal(3, metadata.RootElement.GetProperty("column").GetInt32());
        Assert.Equal("C", metadata.RootElement.GetProperty("row").GetString());
        Assert.Equal(2, metadata.RootElement.GetProperty("drop").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(image.Path))), image.Sha256);
        Assert.Equal(before, Snapshot(drops));
    }

    [Fact]
    public async Task Ingesting_again_is_a_no_op()
    {
        var drops = SharedData.Path("drops");
        await new Ingester(_store).IngestAsync(drops, JobKind.Drops);
        var again = await new Ingester(_store).IngestAsync(drops, JobKind.Drops);
        Assert.Equal(0, again.ImagesAdded);
        Assert.Equal(57, again.ImagesKnown);
        Assert.Equal(2, (await _store.GetInspectionsAsync()).Count);
        var summary = await _store.GetSummaryAsync();
        Assert.Equal(57, summary.Images);
        Assert.Equal(2, summary.Runs.Count);
        Assert.All(summary.Runs, r => Assert.Equal(RunState.Succeeded, r.State));
    }

    [Fact]
    public async Task The_real_diffraction_folder_is_one_inspection_per_detector_run()
    {
        var diffraction = SharedData.Path("diffraction");
        var report = await new Ingester(_store).IngestAsync(diffraction, JobKind.Diffraction);
        Assert.Equal(10, report.ImagesAdded);
        Assert.Equal(
            ["TIMEPIX_SU_512-stdgoni_####.img", "dlsnxs2cbf_therm_####.cbf", "simtbx_FormatSMVJHSim_###.img", "thau_3_2_####.cbf"],
            report.Inspections.Select(i => i.Name).Order(StringComparer.Ordinal));
        var thaumatin = Assert.Single(report.Inspections, i => i.Name == "thau_3_2_####.cbf");
        Assert.Equal(7, thaumatin.Images);
        var frames = (await _store.GetImagesAsync(thaumatin.Id))
            .Select(i => JsonDocument.Parse(i.MetadataJson).RootElement.GetProperty("frame").GetInt32());
        Assert.Equal([1, 4, 7, 10, 13, 16, 19], frames);
    }

    [Fact]
    public async Task Synthetic_layouts_are_grouped_as_their_instruments_group_them()
    {
        var root = Path.Combine(_temp.Path, "in");
        foreach (var batch in new[] { "100", "101" })
            for (var well = 1; well <= 3; well++)
                _temp.File($"in/rm/plateID_7/batchID_{batch}/wellNum_{well}/profileID_1/d1_r0_ef.jpg");
        _temp.File("in/c3/XYZ9_A01_ImagerDefaults_1.jpg");
        _temp.File("in/c3/XYZ9_A02_ImagerDefaults_1.jpg");
        _temp.File("in/plain/one/a.png");
        _temp.File("in/plain/two/b.png");
        _temp.File("in/plain/two/notes.txt");

        var report = await new Ingester(_store).IngestAsync(root, JobKind.Drops);
        Assert.Equal(10, report.ImagesAdded);
        Assert.Equal(1, report.Ignored);
        var byName = report.Inspections.ToDictionary(i => i.Name, i => (i.Layout, i.Images));
        Assert.Equal(("rockmaker-tree", 3), byName["plate 7 batch 100"]);
        Assert.Equal(("rockmaker-tree", 3), byName["plate 7 batch 101"]);
        Assert.Equal(("c3", 2), byName["XYZ9"]);
        Assert.Equal(("folder", 1), byName[Path.Combine("plain", "one")]);
        Assert.Equal(("folder", 1), byName[Path.Combine("plain", "two")]);
    }

    [Fact]
    public async Task Compressed_detector_runs_and_class_stacks_are_ingested_for_their_jobs()
    {
        for (var frame = 1; frame <= 3; frame++)
            _temp.File($"dc/lyso_1_{frame:00000}.cbf.gz");
        _temp.File("dc/lyso_2_00001.cbf.gz");
        _temp.File("relion/Class2D/job012/run_it025_classes.mrcs");
        _temp.File("relion/Class2D/job012/run_it025_model.star");

        var diffraction = await new Ingester(_store).IngestAsync(Path.Combine(_temp.Path, "dc"), JobKind.Diffraction);
        Assert.Equal(["lyso_1_#####.cbf.gz", "lyso_2_#####.cbf.gz"], diffraction.Inspections.Select(i => i.Name));
        Assert.Equal([3, 1], diffraction.Inspections.Select(i => i.Images));

        var classes = await new Ingester(_store).IngestAsync(Path.Combine(_temp.Path, "relion"), JobKind.Classes);
        var job = Assert.Single(classes.Inspections);
        Assert.Equal(Path.Combine("Class2D", "job012"), job.Name);
        Assert.Equal(1, job.Images);
    }

    [Fact]
    public async Task A_missing_folder_is_one_sentence_naming_it()
    {
        var missing = Path.Combine(_temp.Path, "nowhere");
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new Ingester(_store).IngestAsync(missing, JobKind.Drops));
        Assert.Equal($"The folder '{missing}' does not exist; pass the folder that holds the images.", error.Message);
    }
}
