#!/usr/bin/python3
"""PyTorch (CPU) reference for `npm run bench -- --tasks`: training speed.

The networks and steps of src/engine/paired (super-resolution x4, sketch to
digit) and src/engine/tasks/transfer (CycleGAN), layer for layer: tfjs 'same'
padding of the even-sized k4 s2 convolutions is PyTorch's padding=1. Each task
trains on random batches of the right shapes for --warmup + --seconds; one
JSON line per task on stdout, logs on stderr. The sketch maps are precomputed
here (ganvas computes them per batch, in JavaScript).
"""
import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

BETAS = (0.5, 0.999)
EPS = 1e-8


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def patches(cin):
    return nn.Sequential(
        nn.Conv2d(cin, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 1, 3, 1, 1),
    )


class SuperRes(nn.Module):
    """superres/networks.ts: features at 7x7, a transposed conv per doubling, one channel, plus the input repeated."""

    def __init__(self, factor=4):
        super().__init__()
        self.factor = factor
        layers = [nn.Conv2d(1, 64, 3, 1, 1), nn.ReLU()]
        ch, side = 64, 28 // factor
        while side < 28:
            layers += [nn.ConvTranspose2d(ch, 32, 4, 2, 1), nn.ReLU()]
            ch, side = 32, side * 2
        layers.append(nn.Conv2d(32, 1, 3, 1, 1))
        self.body = nn.Sequential(*layers)

    def forward(self, low):
        return F.interpolate(low, scale_factor=self.factor, mode="nearest") + self.body(low)


class PairCritic(nn.Module):
    """paired/patchDiscriminator.ts: the image beside its input (repeated up to 28x28)."""

    def __init__(self):
        super().__init__()
        self.body = patches(2)

    def forward(self, image, inp):
        if inp.shape[-1] != 28:
            inp = F.interpolate(inp, size=(28, 28), mode="nearest")
        return self.body(torch.cat([image, inp], 1))


class UNet(nn.Module):
    """paired/unet.ts."""

    def __init__(self):
        super().__init__()
        self.e14 = nn.Conv2d(1, 32, 4, 2, 1)
        self.e7 = nn.Conv2d(32, 64, 4, 2, 1)
        self.mid = nn.Conv2d(64, 64, 3, 1, 1)
        self.u14 = nn.ConvTranspose2d(64, 32, 4, 2, 1)
        self.u28 = nn.ConvTranspose2d(64, 32, 4, 2, 1)
        self.out = nn.Conv2d(33, 1, 3, 1, 1)

    def forward(self, x):
        e14 = F.leaky_relu(self.e14(x), 0.2)
        e7 = F.leaky_relu(self.e7(e14), 0.2)
        m = F.relu(self.mid(e7))
        u14 = torch.cat([F.relu(self.u14(m)), e14], 1)
        u28 = torch.cat([F.relu(self.u28(u14)), x], 1)
        return torch.tanh(self.out(u28))


def adam(model, lr):
    return torch.optim.Adam(model.parameters(), lr=lr, betas=BETAS, eps=EPS)


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def paired_step(g, d, og, od, real, inp, l1_weight=20.0):
    """paired/pairedTrainer.ts: D on real and fake pairs in one pass, then G on adversarial + λ·L1."""
    with torch.no_grad():
        fake = g(inp)
    out = d(torch.cat([real, fake]), torch.cat([inp, inp]))
    n = real.shape[0]
    d_loss = bce(out[:n], 1.0) + bce(out[n:], 0.0)
    od.zero_grad()
    d_loss.backward()
    od.step()
    fake = g(inp)
    g_loss = bce(d(fake, inp), 1.0) + l1_weight * (fake - real).abs().mean()
    og.zero_grad()
    g_loss.backward()
    og.step()


def cycle_step(nets, opts, a, b, weight=10.0):
    """transfer/cycleTrainer.ts: least-squares critics, then both generators on adversarial + λ·cycle."""
    gab, gba, da, db = nets
    og, od = opts
    with torch.no_grad():
        fake_b, fake_a = gab(a), gba(b)
    d_loss = 0.5 * (((da(a) - 1) ** 2).mean() + (da(fake_a) ** 2).mean()) + 0.5 * (((db(b) - 1) ** 2).mean() + (db(fake_b) ** 2).mean())
    od.zero_grad()
    d_loss.backward()
    od.step()
    ab, ba = gab(a), gba(b)
    adv = 0.5 * ((db(ab) - 1) ** 2).mean() + 0.5 * ((da(ba) - 1) ** 2).mean()
    cycle = (gba(ab) - a).abs().mean() + (gab(ba) - b).abs().mean()
    g_loss = adv + weight * cycle
    og.zero_grad()
    g_loss.backward()
    og.step()


def make(task, batch):
    """A step function for the task and the images one step trains on."""
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    if task in ("superres", "sketch"):
        g, d = (SuperRes(), PairCritic()) if task == "superres" else (UNet(), PairCritic())
        og, od = adam(g, 1e-3), adam(d, 2e-4)
        inp = F.avg_pool2d(real, 4) if task == "superres" else torch.where(torch.rand_like(real) < 0.1, 1.0, -1.0)
        return (lambda: paired_step(g, d, og, od, real, inp)), batch
    if task == "transfer":
        nets = (UNet(), UNet(), patches(1), patches(1))
        og = torch.optim.Adam(list(nets[0].parameters()) + list(nets[1].parameters()), lr=5e-4, betas=BETAS, eps=EPS)
        od = torch.optim.Adam(list(nets[2].parameters()) + list(nets[3].parameters()), lr=5e-4, betas=BETAS, eps=EPS)
        b = torch.rand(batch, 1, 28, 28) * 2 - 1
        return (lambda: cycle_step(nets, (og, od), real, b)), 2 * batch
    raise SystemExit(f"unknown task {task}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task", default="superres,sketch,transfer")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--threads", type=int, default=0)
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    for task in args.task.split(","):
        step, images = make(task, args.batch)
        until = time.perf_counter() + args.warmup
        while time.perf_counter() < until:
            step()
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            step()
            n += 1
        secs = time.perf_counter() - start
        log(f"{task}: {n} steps in {secs:.1f} s")
        print(json.dumps({"task": task, "steps": n, "seconds": secs, "stepsPerSec": n / secs, "imgPerSec": n * images / secs, "threads": torch.get_num_threads(), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
