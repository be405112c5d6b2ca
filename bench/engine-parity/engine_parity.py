"""The PyTorch side of the engine-parity benchmark: the same model, batch and measurements as Winnow.Bench.Engine."""
import statistics
import sys
import time

import torch
import torch.nn.functional as F
import torchvision

threads = int(sys.argv[1]) if len(sys.argv) > 1 else torch.get_num_threads()
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
torch.set_num_threads(threads)
torch.manual_seed(0)

model = torchvision.models.resnet18(num_classes=1000)
x = torch.randn(batch, 3, 224, 224)
y = torch.randint(0, 1000, (batch,))
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)


def inference():
    model.eval()
    with torch.no_grad():
        t = time.perf_counter()
        model(x)
        return time.perf_counter() - t


def train_step():
    model.train()
    t = time.perf_counter()
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return time.perf_counter() - t


inference()
inf = [inference() for _ in range(reps)]
train_step()
tr = [train_step() for _ in range(reps)]
print(f"pytorch inference_median_s {statistics.median(inf):.4f} train_step_median_s {statistics.median(tr):.4f} "
      f"threads {threads} batch {batch} reps {reps}")
