"""The 2D lab's default step in PyTorch on the CPU, for `npm run bench -- --lab2d`.

G 2-32-32-2 and D 2-32-32-1 with ReLU, batch 256, Adam (lr 1e-3, betas 0.5,
0.999), BCE on logits with the non-saturating G loss, one D update and one G
update per step on the ring of 8 Gaussians (radius 2, std 0.1 as the lab's
ring). Prints one JSON line: steps/s over the window, threads, torch version.
Usage: python3 lab2d_torch.py SECONDS THREADS
"""
import json
import math
import sys
import time

import torch
from torch import nn

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)
torch.manual_seed(1)
BATCH = 256


def mlp(out):
    return nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, out))


g, d = mlp(2), mlp(1)
g_opt = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.5, 0.999))
d_opt = torch.optim.Adam(d.parameters(), lr=1e-3, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
angles = torch.arange(8) * (2 * math.pi / 8)
centres = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], 1)
ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)


def step():
    real = centres[torch.randint(0, 8, (BATCH,))] + 0.1 * torch.randn(BATCH, 2)
    fake = g(torch.randn(BATCH, 2))
    d_opt.zero_grad()
    (bce(d(real), ones) + bce(d(fake.detach()), zeros)).backward()
    d_opt.step()
    g_opt.zero_grad()
    bce(d(g(torch.randn(BATCH, 2))), ones).backward()
    g_opt.step()


for _ in range(50):
    step()
start, n = time.perf_counter(), 0
while time.perf_counter() - start < seconds:
    step()
    n += 1
print(json.dumps({"stepsPerSec": n / (time.perf_counter() - start), "threads": torch.get_num_threads(), "torch": torch.__version__}))
