"""Writes a seeded torchvision ResNet-18's weights, an input and PyTorch's logits (eval mode) as safetensors.

With a fourth argument "s2d" the network is nn.Sequential(nn.PixelUnshuffle(2), resnet18(in_channels=4·C)), Winnow's
resnet18-s2d; the ResNet's own state dict is written, as Winnow names it."""
import sys

import torch
import torchvision

from safetensors_io import save

out_dir, in_channels, classes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fold = 2 if len(sys.argv) > 4 and sys.argv[4] == "s2d" else 1
torch.manual_seed(7)
model = torchvision.models.resnet18(num_classes=classes)
if in_channels * fold * fold != 3:
    model.conv1 = torch.nn.Conv2d(in_channels * fold * fold, 64, kernel_size=7, stride=2, padding=3, bias=False)
# Non-trivial running statistics, so eval-mode batch norm is really exercised.
with torch.no_grad():
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.1, 0.1)
model.eval()
network = torch.nn.Sequential(torch.nn.PixelUnshuffle(fold), model) if fold > 1 else model
x = torch.randn(2, in_channels, 96, 96)
with torch.no_grad():
    logits = network(x)
save(f"{out_dir}/weights.safetensors", model.state_dict())
save(f"{out_dir}/io.safetensors", {"input": x, "logits": logits})
