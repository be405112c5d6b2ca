"""Writes a seeded torchvision ResNet-18 (train mode), a batch, and PyTorch's gradients of one cross-entropy step in
float32 and under CPU autocast to bfloat16, as safetensors: the reference for Winnow's autocast."""
import sys

import torch
import torchvision

from safetensors_io import save

out_dir, threads = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(3)
model = torchvision.models.resnet18(num_classes=4)
x = torch.randn(16, 3, 96, 96)
y = torch.randint(0, 4, (16,))
save(f"{out_dir}/weights.safetensors", model.state_dict())
gradients = {"input": x, "target": y}
for precision in ("float32", "bfloat16"):
    model.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bfloat16"):
        logits = model(x)
    torch.nn.functional.cross_entropy(logits.float(), y).backward()
    for name, p in model.named_parameters():
        gradients[f"{precision}.{name}"] = p.grad.clone()
save(f"{out_dir}/gradients.safetensors", gradients)
