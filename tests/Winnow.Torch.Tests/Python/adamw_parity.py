"""One AdamW step on a small CNN in PyTorch: writes the start weights, the batch and the weights after the step."""
import sys

import torch
import torch.nn.functional as F

from safetensors_io import save

out_dir = sys.argv[1]
torch.manual_seed(11)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(8)
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


net = Net()
save(f"{out_dir}/before.safetensors", net.state_dict())
x = torch.randn(6, 3, 16, 16)
y = torch.randint(0, 4, (6,))
opt = torch.optim.AdamW(net.parameters(), lr=0.01, weight_decay=0.05)
for _ in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y, label_smoothing=0.1)
    loss.backward()
    opt.step()
save(f"{out_dir}/batch.safetensors", {"x": x, "y": y})
save(f"{out_dir}/after.safetensors", net.state_dict())
