"""Writes an input and torch.nn.functional.pixel_unshuffle of it (factor 2 and 4) as safetensors."""
import sys

import torch

from safetensors_io import save

out_dir = sys.argv[1]
torch.manual_seed(5)
x = torch.randn(2, 3, 8, 12)
save(f"{out_dir}/io.safetensors", {
    "input": x,
    "by2": torch.nn.functional.pixel_unshuffle(x, 2).contiguous(),
    "by4": torch.nn.functional.pixel_unshuffle(x, 4).contiguous(),
})
