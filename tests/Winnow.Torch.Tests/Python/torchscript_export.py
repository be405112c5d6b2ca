"""Exports a small scripted module (with a tuple output) and its outputs for one input."""
import sys

import torch

from safetensors_io import save

out_dir = sys.argv[1]
torch.manual_seed(3)


class Small(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3)
        self.fc = torch.nn.Linear(4, 3)

    def forward(self, x):
        h = torch.relu(self.conv(x)).mean(dim=(2, 3))
        logits = self.fc(h)
        return logits, torch.softmax(logits, dim=1)


m = torch.jit.script(Small().eval())
m.save(f"{out_dir}/small.pt")
x = torch.randn(5, 1, 12, 12)
logits, probs = m(x)
save(f"{out_dir}/io.safetensors", {"input": x, "logits": logits.detach(), "probs": probs.detach()})
