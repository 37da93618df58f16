"""Trains the reference classifiers behind ganvas's quality score.

One small CNN per data set (MNIST, Fashion-MNIST), trained on the idx files
that `npx tsx scripts/prepare-data.ts` puts in public/data/. Writes raw
float32 weights in PyTorch's layouts to .classifier/<dataset>/ for
scripts/classifier/convert.ts, which builds the same network in tfjs,
re-measures accuracy there and writes public/models/<dataset>/.

    /usr/bin/python3 scripts/classifier/train.py [mnist|fashion ...]

Fixed seeds, one CPU thread, a few minutes per data set.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
EPOCHS = {"mnist": 4, "fashion": 10}


def read_idx(path, magic, header_words):
    with open(path, "rb") as f:
        raw = f.read()
    header = np.frombuffer(raw[: header_words * 4], dtype=">u4")
    if header[0] != magic:
        sys.exit(f"{path}: not an idx file with magic {magic:#x}; run npx tsx scripts/prepare-data.ts")
    return np.frombuffer(raw[header_words * 4 :], dtype=np.uint8), int(header[1])


def load(dataset, split):
    folder = os.path.join(ROOT, "public", "data", dataset)
    prefix = "train" if split == "train" else "t10k"
    pixels, n = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte"), 0x803, 4)
    labels, m = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte"), 0x801, 2)
    assert n == m, f"{dataset} {split}: {n} images but {m} labels"
    x = torch.from_numpy(pixels.reshape(n, 1, 28, 28).astype(np.float32) / 255.0)
    return x, torch.from_numpy(labels.astype(np.int64))


class Classifier(nn.Module):
    """conv32 3x3 -> pool -> conv64 3x3 -> pool -> dense64 (the features) -> dense10.

    Flattens in NHWC order so the dense weights mean the same thing in tfjs,
    whose Flatten sees channels last.
    """

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.features = nn.Linear(5 * 5 * 64, 64)
        self.logits = nn.Linear(64, 10)
        self.pool = nn.MaxPool2d(2)
        self.dropout = nn.Dropout(0.3)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = x.permute(0, 2, 3, 1).flatten(1)
        x = torch.relu(self.features(self.dropout(x)))
        return self.logits(self.dropout(x))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x[i : i + 1000]).argmax(1) for i in range(0, len(x), 1000)])
    return (pred == y).float().mean().item()


def train(dataset):
    torch.manual_seed(1)
    x, y = load(dataset, "train")
    tx, ty = load(dataset, "test")
    model = Classifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=EPOCHS[dataset] * (len(x) // 128))
    order = torch.Generator().manual_seed(2)
    start = time.time()
    for epoch in range(EPOCHS[dataset]):
        model.train()
        perm = torch.randperm(len(x), generator=order)
        for i in range(len(x) // 128):
            idx = perm[i * 128 : (i + 1) * 128]
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"{dataset} epoch {epoch + 1}: test accuracy {accuracy(model, tx, ty):.4f} ({time.time() - start:.0f} s)", flush=True)
    acc = accuracy(model, tx, ty)
    out = os.path.join(ROOT, ".classifier", dataset)
    os.makedirs(out, exist_ok=True)
    manifest = []
    with open(os.path.join(out, "weights.bin"), "wb") as f:
        for name, tensor in model.state_dict().items():
            array = tensor.numpy().astype("<f4")
            manifest.append({"name": name, "shape": list(array.shape)})
            f.write(array.tobytes())
    with open(os.path.join(out, "weights.json"), "w") as f:
        json.dump({"dataset": dataset, "torchTestAccuracy": acc, "epochs": EPOCHS[dataset], "weights": manifest}, f, indent=1)
    print(f"{dataset}: test accuracy {acc:.4f} in PyTorch; raw weights in {out}")


if __name__ == "__main__":
    # One thread: on a shared 2-core machine a second one spins more than it helps (measured 57 vs 190+ ms a step).
    torch.set_num_threads(1)
    for name in sys.argv[1:] or ["mnist", "fashion"]:
        if name not in EPOCHS:
            sys.exit(f"unknown data set {name!r}: use mnist or fashion")
        train(name)
