using System.Globalization;
using Winnow.Scoring.Common;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;
using Winnow.TestSupport;

namespace Winnow.Scoring.Tests.Drops;

public class TorchScriptImportTests
{
    private const string Export = """
import sys, torch, torch.nn as nn, numpy as np
torch.manual_seed(0)
class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
                                      nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(16, 4)
    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
m = Small().eval()
with torch.no_grad():
    m.features[1].running_mean.uniform_(-0.2, 0.2); m.features[1].running_var.uniform_(0.5, 2)
torch.jit.trace(m, torch.zeros(1, 3, 48, 48)).save(sys.argv[1])
# The same pixels the C# side decoded (CHW uint8), normalised as the card says, through PyTorch.
raw = np.fromfile(sys.argv[2], dtype=np.uint8).reshape(-1, 3, 48, 48)
x = torch.from_numpy(raw.astype(np.float32) / 255.0)
mean = torch.tensor([0.5, 0.4, 0.3]).view(1, 3, 1, 1); std = torch.tensor([0.2, 0.25, 0.3]).view(1, 3, 1, 1)
with torch.no_grad():
    p = torch.softmax(m((x - mean) / std), 1)
print(" ".join(f"{v:.9g}" for v in p.flatten().tolist()))
""";

    [Fact]
    public void AnImportedPyTorchModelScoresExactlyAsPyTorchDoes()
    {
        Assert.True(SystemPython.Has("torch"), $"{SystemPython.Exe} with torch is needed for this test");
        using var dir = new TempDirectory();
        var files = Enumerable.Range(0, 4).Select(i =>
        {
            var path = dir.File($"drop{i}.jpg");
            File.WriteAllBytes(path, new DropSimulator(8).Render(i).Jpeg);
            return path;
        }).ToList();
        var decoded = DropImageSet.FromFolderFiles(files, 48);
        File.WriteAllBytes(dir.File("pixels.u8"), decoded.AllPixels());
        var (code, stdout, stderr) = SystemPython.Run(Export, dir.File("small.pt"), dir.File("pixels.u8"));
        Assert.True(code == 0, stderr);
        var expected = stdout.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var card = new ModelCard
        {
            Name = "lab-small", Job = "drops", Classes = ["Clear", "Crystals", "Precipitate", "Other"],
            Input = new ModelInput { Channels = 3, Height = 48, Width = 48, Mean = [0.5, 0.4, 0.3], Std = [0.2, 0.25, 0.3] },
            Thresholds = new() { ["Crystals"] = 0.25, ["Clear"] = 0.5 },
        };
        card.Save(dir.File("small.card.json"));
        var stored = ModelImport.Import(dir.File("small.pt"), dir.File("small.card.json"), dir.File("models"));
        Assert.True(File.Exists(stored));
        Assert.Equal("torchscript", ModelCard.Load(ModelFiles.CardPath(stored)).Architecture);

        using var scorer = DropsScorer.Open(stored);
        var scores = scorer.Score(files);
        for (var i = 0; i < files.Count; i++)
        {
            for (var c = 0; c < 4; c++)
                Assert.Equal(expected[i * 4 + c], scores[i].Probabilities[card.Classes[c]], 5);
            Assert.Equal(expected[i * 4 + 1] >= 0.25, scores[i].Flags["crystal"]);
        }
    }

    [Fact]
    public void ImportRejectsACardWhoseClassesDoNotMatchTheOutput()
    {
        Assert.True(SystemPython.Has("torch"), $"{SystemPython.Exe} with torch is needed for this test");
        using var dir = new TempDirectory();
        var (code, _, stderr) = SystemPython.Run("import sys, torch; torch.jit.trace(torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3*8*8, 3)), torch.zeros(1,3,8,8)).save(sys.argv[1])", dir.File("three.pt"));
        Assert.True(code == 0, stderr);
        new ModelCard { Job = "drops", Classes = ["Clear", "Crystals", "Precipitate", "Other"], Input = new ModelInput { Channels = 3, Height = 8, Width = 8 } }.Save(dir.File("three.card.json"));
        var e = Assert.Throws<InvalidDataException>(() => ModelImport.Import(dir.File("three.pt"), dir.File("three.card.json"), dir.File("models")));
        Assert.Contains("4 classes", e.Message);
    }
}
