"""PyTorch's side of bench/drops-training: the same training step as DropsRecipe.Train on the same architecture
(torchvision ResNet-18, 4 classes, channels-last; with resnet18-s2d behind nn.PixelUnshuffle(2), 12 input channels), AdamW with weight decay 0.05, label-smoothed cross-entropy,
uint8 images normalised on every step; float32, or the forward pass under torch.autocast('cpu', bfloat16).
It does no augmentation and no class-balanced sampling, which Winnow's step does, so the comparison leans to PyTorch.
Prints "pytorch-PRECISION images_per_s X peak_rss_mb Y".
Usage: drops_training_pytorch.py SIZE BATCH STEPS THREADS float32|bfloat16 [resnet18|resnet18-s2d]"""
import resource
import sys
import time

import torch
import torchvision

size, batch, steps, threads = (int(a) for a in sys.argv[1:5])
precision = sys.argv[5]
architecture = sys.argv[6] if len(sys.argv) > 6 else "resnet18"
torch.set_num_threads(threads)
torch.manual_seed(1)
net = torchvision.models.resnet18(num_classes=4)
if architecture == "resnet18-s2d":
    net.conv1 = torch.nn.Conv2d(12, 64, kernel_size=7, stride=2, padding=3, bias=False)
    net = torch.nn.Sequential(torch.nn.PixelUnshuffle(2), net)
elif architecture != "resnet18":
    sys.exit(f"unknown architecture {architecture}")
net = net.to(memory_format=torch.channels_last)
net.train()
optimizer = torch.optim.AdamW(net.parameters(), lr=1e-4, weight_decay=0.05)
pixels = torch.randint(0, 256, (2 * batch, 3, size, size), dtype=torch.uint8)
labels = torch.randint(0, 4, (2 * batch,))
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def step(i):
    rows = torch.randint(0, 2 * batch, (batch,))
    x = ((pixels[rows].float() / 255 - mean) / std).contiguous(memory_format=torch.channels_last)
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bfloat16"):
        logits = net(x)
    loss = torch.nn.functional.cross_entropy(logits.float(), labels[rows], label_smoothing=0.05)
    loss.backward()
    optimizer.step()


for i in range(2):  # warm-up, as Winnow's one epoch of two steps
    step(i)
start = time.perf_counter()
timed = 2 * max(1, steps // 2)
for i in range(timed):
    step(i)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"pytorch-{precision} images_per_s {timed * batch / elapsed:.2f} peak_rss_mb {peak:.0f}")
