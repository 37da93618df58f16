// "Export recipe": a self-contained PyTorch script (train.py) that trains the
// run's model with the run's settings, so it can go on at scale outside the
// browser. Pure string building: no tfjs, no DOM. The script carries the
// settings over, not the weights; it can start G from a generator download
// (--from-generator, recipeLoad.ts), or just convert one to PyTorch.
import type { LiveHyperparams, RunConfig } from '../protocol';
import { describeErrors, validateConfig } from '../hyperparams';
import { LATENT_SIZE } from '../settings';
import { MODEL_LABELS } from '../choices/models';
import { TASK_LABELS, TASKS } from '../tasks';
import { pythonLoader } from './recipeLoad';
import { pythonModels } from './recipeModels';
// The model-independent rest of train.py: MNIST from idx files, the sharded
// batch stream, the training loop (trainer.ts's step) and DistributedDataParallel
// under torchrun. It uses the names the header and settings define (MODEL,
// LATENT, BATCH_SIZE, ...), the models' Generator and Discriminator and the
// loader's read_generator_zip, load_noise and sample_to_file.
import PYTHON_TRAIN from './python/train.py?raw';

export interface RecipeInput {
  config: RunConfig;
  /** The values in force now; they override the config's. */
  live: LiveHyperparams;
  /** The step the run was at when exported (for the header only). */
  step: number;
}

export const RECIPE_FILE_NAME = 'train.py';

/** A JS number as a Python float literal ("1" would be an int; "1e-7" is fine as is). */
function pyFloat(x: number): string {
  const s = String(x);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** What a run uses that train.py does not implement (it knows unconditional models with plain BCE, one D step per G step). */
export function recipeUnsupported(c: RunConfig, live: LiveHyperparams): string[] {
  // The applications' networks in PyTorch exist only as the benchmark's side-by-side reference (scripts/bench/tasks_torch.py): no recipe, no weight import.
  if (!TASKS[c.task].fromNoise)
    return [
      `the ${TASK_LABELS[c.task]} task (train.py trains digits from noise only; the same networks in PyTorch, without loading ganvas weights, are in the ganvas repository's scripts/bench/tasks_torch.py)`,
    ];
  const out: string[] = [];
  if (c.loss !== 'bce') out.push(`the ${c.loss} loss`);
  if (c.conditional) out.push('a conditional model');
  if (live.dSteps !== 1) out.push(`${live.dSteps} D steps per G step`);
  if (live.labelSmoothing !== 0) out.push(`label smoothing ${live.labelSmoothing}`);
  if (c.instanceNoise !== 0) out.push(`instance noise ${c.instanceNoise}`);
  return out;
}

export function pytorchRecipe(r: RecipeInput): string {
  const c: RunConfig = { ...r.config, gLearningRate: r.live.gLearningRate, dLearningRate: r.live.dLearningRate, beta1: r.live.beta1 };
  const errors = validateConfig(c);
  if (Object.keys(errors).length) throw new Error(`cannot export a recipe: ${describeErrors(errors)}`);
  const unsupported = recipeUnsupported(c, r.live);
  if (unsupported.length) {
    throw new Error(
      `cannot export a recipe: train.py knows unconditional models with non-saturating BCE and one D step per G step; this run uses ${unsupported.join(', ')}`,
    );
  }
  if (!Number.isInteger(r.step) || r.step < 0) throw new Error(`cannot export a recipe: step ${r.step} is not a whole number ≥ 0`);

  const header = String.raw`#!/usr/bin/env python3
# train.py: a GAN on MNIST, exported from ganvas at step ${r.step}.
#
# The ganvas run's settings (the defaults of the flags below):
#   model ${c.model} (${MODEL_LABELS[c.model]}), batch size ${c.batchSize} per process, seed ${c.seed}
#   Adam: lr_g ${pyFloat(c.gLearningRate)}, lr_d ${pyFloat(c.dLearningRate)}, betas (${pyFloat(c.beta1)}, 0.999), eps 1e-8
#   latent size ${LATENT_SIZE}, pixels scaled to [-1, 1], non-saturating BCE on logits
# Same networks, initialisation and training step as the browser; the weights
# start fresh (ganvas's weights are not in this file), unless you pass
# --from-generator with a generator downloaded from a ${c.model} run ("Download
# generator (.zip)"; no TensorFlow needed): G then starts from its weights,
# BatchNorm statistics included, while D and both Adams start fresh. With
# --steps 0 nothing trains and no data is read: a converter,
#   python train.py --from-generator ganvas-${c.model}-${c.dataset}-stepN.zip --steps 0 --out out
# writes out/generator.pt and the sample grid from the download's weights.
# --sample-z Z.npy --sample-out X.npy runs G (eval mode) at the end on your
# noise (float [n, ${LATENT_SIZE}]) and saves the images as float32 [n, 1, 28, 28].
#
# Run on one process (GPU if there is one):
#   python train.py --data PATH/train-images-idx3-ubyte --steps 10000 --out out
# or one process per GPU with DistributedDataParallel:
#   torchrun --nproc_per_node=4 train.py --data PATH/train-images-idx3-ubyte
# (PyTorch 1.13 on Python 3.11, e.g. Debian's python3-torch: if torchrun stops
# with "'NoneType' object has no attribute 'get'", add --redirects 1 --tee 1.)
# Each process draws a batch of --batch-size from its shard of the data, so
# the effective batch is nproc x batch size (learning rates are not scaled).
#
# At the end, --out holds generator.pt (the generator's state_dict:
# G = Generator(); G.load_state_dict(torch.load("out/generator.pt"))) and an
# 8x8 sample grid (samples.png, or samples.npy without Pillow).
# Needs Python 3, PyTorch and numpy; Pillow optional.
`;

  const settings = String.raw`
import argparse
import gzip
import json
import os
import struct
import sys
import time
import zipfile
import zlib

try:
    import numpy as np
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel as DDP
except ImportError as e:
    sys.exit(f"train.py needs PyTorch and numpy ({e}); see https://pytorch.org/get-started/")

MODEL = "${c.model}"
EXPORTED_AT_STEP = ${r.step}
LATENT = ${LATENT_SIZE}
BATCH_SIZE = ${c.batchSize}
SEED = ${c.seed}
LR_G = ${pyFloat(c.gLearningRate)}
LR_D = ${pyFloat(c.dLearningRate)}
BETA1 = ${pyFloat(c.beta1)}
BETA2 = 0.999
EPS = 1e-8  # ganvas's Adam (also PyTorch's default; tfjs's own default is 1e-7)
GRID = 8
MNIST_FILE = "train-images-idx3-ubyte"
`;

  return [header, settings, '\n# --- model ' + '-'.repeat(66), pythonModels(c.model), pythonLoader(c.model), PYTHON_TRAIN].join('\n').trimEnd() + '\n';
}
