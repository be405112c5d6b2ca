using Winnow.Pipeline.Ingest;
using Winnow.Store;

namespace Winnow.Pipeline.Tests.Ingest;

public sealed class LayoutTests
{
    private static RecognisedImage Read(JobKind job, string path, string root = "/data") =>
        LayoutCatalog.Recognise(LayoutCatalog.For(job), root, path);

    [Fact]
    public void A_Rock_Maker_export_name_gives_barcode_column_row_and_drop()
    {
        var seen = Read(JobKind.Drops, "/data/plates/90j8_01A_1.jpg");
        Assert.Equal("rockmaker-export", seen.Layout);
        Assert.Equal("90j8", seen.InspectionName);
        Assert.Equal("90j8", seen.Fields["barcode"]);
        Assert.Equal(1, seen.Fields["column"]);
        Assert.Equal("A", seen.Fields["row"]);
        Assert.Equal("A01", seen.Fields["well"]);
        Assert.Equal(1, seen.Fields["drop"]);
        Assert.Equal(seen.InspectionKey, Read(JobKind.Drops, "/data/plates/90j8_12H_2.jpg").InspectionKey);
        Assert.NotEqual(seen.InspectionKey, Read(JobKind.Drops, "/data/plates/77ab_12H_2.jpg").InspectionKey);
        Assert.NotEqual(seen.InspectionKey, Read(JobKind.Drops, "/data/other/90j8_01A_1.jpg").InspectionKey);
    }

    [Fact]
    public void A_Rock_Maker_storage_tree_is_one_inspection_per_batch_wherever_it_is_mounted()
    {
        var seen = Read(JobKind.Drops, "/mnt/rm/WellImages/plateID_1234/batchID_5678/wellNum_12/profileID_1/d2_r3_ef.jpg");
        Assert.Equal("rockmaker-tree", seen.Layout);
        Assert.Equal("1234", seen.Fields["plateId"]);
        Assert.Equal("5678", seen.Fields["batchId"]);
        Assert.Equal(12, seen.Fields["wellNum"]);
        Assert.Equal(2, seen.Fields["drop"]);
        Assert.Equal(3, seen.Fields["region"]);
        Assert.Equal(seen.InspectionKey,
            Read(JobKind.Drops, "/other/plateID_1234/batchID_5678/wellNum_1/profileID_1/d1_r0_ef.jpg").InspectionKey);
        Assert.NotEqual(seen.InspectionKey,
            Read(JobKind.Drops, "/mnt/rm/WellImages/plateID_1234/batchID_5679/wellNum_12/profileID_1/d2_r3_ef.jpg").InspectionKey);
    }

    [Fact]
    public void A_C3_name_gives_barcode_and_well()
    {
        var seen = Read(JobKind.Drops, "/c3/ABC123_B07_ImagerDefaults_3.jpg");
        Assert.Equal("c3", seen.Layout);
        Assert.Equal("ABC123", seen.Fields["barcode"]);
        Assert.Equal("B07", seen.Fields["well"]);
        Assert.Equal(3, seen.Fields["imageNumber"]);
        Assert.Equal(2, Read(JobKind.Drops, "/c3/ABC123_H12.2_ImagerDefaults_1.jpg").Fields["drop"]);
    }

    [Theory]
    [InlineData("/d/thau_3_2_0001.cbf", "thau_3_2_####.cbf", 1, 2)]
    [InlineData("/d/thau_3_2_0019.cbf", "thau_3_2_####.cbf", 19, 2)]
    [InlineData("/d/lyso_1_00042.cbf.gz", "lyso_1_#####.cbf.gz", 42, null)]
    [InlineData("/d/x_7_001.img.bz2", "x_7_###.img.bz2", 1, null)]
    [InlineData("/d/TIMEPIX_SU_512-stdgoni_0001.img", "TIMEPIX_SU_512-stdgoni_####.img", 1, null)]
    public void A_detector_image_belongs_to_the_run_of_its_template(string path, string template, int frame, int? run)
    {
        var seen = Read(JobKind.Diffraction, path);
        Assert.Equal("detector-run", seen.Layout);
        Assert.Equal(template, seen.InspectionName);
        Assert.Equal(frame, seen.Fields["frame"]);
        if (run is { } r)
            Assert.Equal(r, seen.Fields["run"]);
    }

    [Fact]
    public void Anything_else_is_grouped_by_folder()
    {
        var seen = Read(JobKind.Drops, "/data/screen/a/photo.png");
        Assert.Equal("folder", seen.Layout);
        Assert.Equal("screen/a", seen.InspectionName);
        Assert.Equal("photo.png", seen.Fields["file"]);
        Assert.Equal("folder", Read(JobKind.Squares, "/data/atlas.mrc").Layout);
    }

    [Theory]
    [InlineData(JobKind.Drops, "a.jpg", true)]
    [InlineData(JobKind.Drops, "a.JPEG", true)]
    [InlineData(JobKind.Drops, "a.cbf", false)]
    [InlineData(JobKind.Drops, "a.jpg.gz", false)]
    [InlineData(JobKind.Drops, ".hidden.jpg", false)]
    [InlineData(JobKind.Diffraction, "a.cbf.gz", true)]
    [InlineData(JobKind.Diffraction, "a.img", true)]
    [InlineData(JobKind.Diffraction, "a.jpg", false)]
    [InlineData(JobKind.Classes, "run_it025_classes.mrcs", true)]
    [InlineData(JobKind.Classes, "run_it025_model.star", false)]
    public void Files_are_images_of_a_job_by_extension(JobKind job, string name, bool expected) =>
        Assert.Equal(expected, JobFiles.IsImage(job, name));
}
